/**
 * The project's default log-source map, as YAML text (the CLI runs from tsc's dist/, which does not copy .yml
 * files). Content: every Windows category and service of SigmaHQ's tests/thor.yml (semantics §10.2), plus
 * pySigma's windows_logsource_mapping channels for corpus services thor.yml lacks (dns-server,
 * dns-server-analytic, driver-framework, the microsoft-servicebus-client alias). Deliberately absent: thor.yml's
 * file-glob sources (webserver, linux auth/syslog, logfile, appliance) and everything without a known Windows
 * channel (windows/file_access, windows/file_rename): rules of those log sources stay unmapped. One product entry:
 * a Windows event is one with a `Channel` (not Sysmon for Linux's), so unmapped windows rules apply to those events and unmapped rules of
 * other products (linux, zeek, aws, proxy…) to the events without one (semantics §10.2: product absent or equal).
 * Must hold: loads without diagnostics (default-map.test.ts).
 */

/** Pseudo file name used in spans of the default map. */
export const DEFAULT_LOGSOURCE_MAP_SOURCE = '<default-logsource-map>';

export const DEFAULT_LOGSOURCE_MAP_YAML = `# sigmatest log-source map, format version 1.
#
# services:   (product, service) -> the events of that service. 'product' absent = any product.
#             conditions: a Sigma detection map (keys AND-ed, list values OR-ed, modifiers allowed).
#             aliases:    other names of the same service. renames: rule field -> event field.
# categories: (product, category) -> variants, OR-ed. Each variant: an optional service (whose conditions are
#             AND-ed in; 'product' on the variant picks that service's product, like thor.yml's rewrite),
#             its own conditions, and field renames (thor.yml fieldmappings).
# products:   (product) -> its events: those whose 'field' is present, not null and none of 'except'.
#             Used only for unmapped log sources.
# A rule with a category uses the category's variants (only those on its service when it names one; if none,
# its service entry); a rule with only a service uses the service entry; anything else is unmapped: evaluated
# on the events of its product when 'products' names it, else on the events of no product named there (a rule
# with no log source at all: every event). Log-source values match exactly (case-sensitive).
version: 1

products:
  # Events of product windows: those with a Channel, other than Sysmon for Linux's.
  - product: windows
    field: Channel
    except: ['Linux-Sysmon/Operational']

services:
  # --- tests/thor.yml, Windows event log channels ---
  - product: windows
    service: application
    conditions: { Channel: 'Application' }
  - product: windows
    service: security
    conditions: { Channel: 'Security' }
  - product: windows
    service: system
    conditions: { Channel: 'System' }
  - product: windows
    service: ntlm
    conditions: { Channel: 'Microsoft-Windows-NTLM/Operational' }
  - product: windows
    service: sysmon
    conditions: { Channel: 'Microsoft-Windows-Sysmon/Operational' }
  - product: windows
    service: powershell
    conditions:
      Channel:
        - 'Microsoft-Windows-PowerShell/Operational'
        - 'PowerShellCore/Operational'
  - product: windows
    service: powershell-classic
    conditions: { Channel: 'Windows PowerShell' }
  - product: windows
    service: taskscheduler
    conditions: { Channel: 'Microsoft-Windows-TaskScheduler/Operational' }
  - product: windows
    service: wmi
    conditions: { Channel: 'Microsoft-Windows-WMI-Activity/Operational' }
  - product: windows
    service: dhcp
    conditions: { Channel: 'Microsoft-Windows-DHCP-Server/Operational' }
  - product: windows
    service: printservice-admin
    conditions: { Channel: 'Microsoft-Windows-PrintService/Admin' }
  - product: windows
    service: smbclient-security
    conditions: { Channel: 'Microsoft-Windows-SmbClient/Security' }
  - product: windows
    service: smbclient-connectivity
    conditions: { Channel: 'Microsoft-Windows-SmbClient/Connectivity' }
  - product: windows
    service: smbserver-connectivity
    conditions: { Channel: 'Microsoft-Windows-SMBServer/Connectivity' }
  - product: windows
    service: printservice-operational
    conditions: { Channel: 'Microsoft-Windows-PrintService/Operational' }
  - product: windows
    service: terminalservices-localsessionmanager
    conditions: { Channel: 'Microsoft-Windows-TerminalServices-LocalSessionManager/Operational' }
  - product: windows
    service: codeintegrity-operational
    conditions: { Channel: 'Microsoft-Windows-CodeIntegrity/Operational' }
  - product: windows
    service: applocker
    conditions:
      Channel:
        - 'Microsoft-Windows-AppLocker/MSI and Script'
        - 'Microsoft-Windows-AppLocker/EXE and DLL'
        - 'Microsoft-Windows-AppLocker/Packaged app-Deployment'
        - 'Microsoft-Windows-AppLocker/Packaged app-Execution'
  - product: windows
    service: msexchange-management
    conditions: { Channel: 'MSExchange Management' }
  - product: windows
    service: windefend
    conditions: { Channel: 'Microsoft-Windows-Windows Defender/Operational' }
  - product: windows
    service: firewall-as
    conditions: { Channel: 'Microsoft-Windows-Windows Firewall With Advanced Security/Firewall' }
  - product: windows
    service: bits-client
    conditions: { Channel: 'Microsoft-Windows-Bits-Client/Operational' }
  - product: windows
    service: security-mitigations
    conditions:
      Channel:
        - 'Microsoft-Windows-Security-Mitigations/Kernel Mode'
        - 'Microsoft-Windows-Security-Mitigations/User Mode'
  - product: windows
    service: diagnosis-scripted
    conditions: { Channel: 'Microsoft-Windows-Diagnosis-Scripted/Operational' }
  - product: windows
    service: shell-core
    conditions: { Channel: 'Microsoft-Windows-Shell-Core/Operational' }
  - product: windows
    service: openssh
    conditions: { Channel: 'OpenSSH/Operational' }
  - product: windows
    service: ldap
    conditions: { Channel: 'Microsoft-Windows-LDAP-Client/Debug' }
  - product: windows
    service: bitlocker
    conditions: { Channel: 'Microsoft-Windows-BitLocker/BitLocker Management' }
  - product: windows
    service: vhdmp
    conditions: { Channel: 'Microsoft-Windows-VHDMP/Operational' }
  - product: windows
    service: appxdeployment-server
    conditions: { Channel: 'Microsoft-Windows-AppXDeploymentServer/Operational' }
  - product: windows
    service: lsa-server
    conditions: { Channel: 'Microsoft-Windows-LSA/Operational' }
  - product: windows
    service: appxpackaging-om
    conditions: { Channel: 'Microsoft-Windows-AppxPackaging/Operational' }
  - product: windows
    service: dns-client
    conditions: { Channel: 'Microsoft-Windows-DNS Client Events/Operational' }
  - product: windows
    service: appmodel-runtime
    conditions: { Channel: 'Microsoft-Windows-AppModel-Runtime/Admin' }
  - product: windows
    service: capi2
    conditions: { Channel: 'Microsoft-Windows-CAPI2/Operational' }
  - product: windows
    service: certificateservicesclient-lifecycle-system
    conditions: { Channel: 'Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational' }
  - product: windows
    service: kernel-shimengine
    conditions:
      Channel:
        - 'Microsoft-Windows-Kernel-ShimEngine/Operational'
        - 'Microsoft-Windows-Kernel-ShimEngine/Diagnostic'
  - product: windows
    service: application-experience
    conditions:
      Channel:
        - 'Microsoft-Windows-Application-Experience/Program-Telemetry'
        - 'Microsoft-Windows-Application-Experience/Program-Compatibility-Assistant'
  - product: windows
    service: ntfs
    conditions: { Channel: 'Microsoft-Windows-Ntfs/Operational' }
  - product: windows
    service: hyper-v-worker
    conditions: { Channel: 'Microsoft-Windows-Hyper-V-Worker' }
  - product: windows
    service: kernel-event-tracing
    conditions: { Channel: 'Microsoft-Windows-Kernel-EventTracing' }
  - product: windows
    service: sense
    conditions: { Channel: 'Microsoft-Windows-SENSE/Operational' }
  - product: windows
    service: servicebus-client
    aliases: [microsoft-servicebus-client]
    conditions:
      Channel:
        - 'Microsoft-ServiceBus-Client/Admin'
        - 'Microsoft-ServiceBus-Client/Operational'
  - product: windows
    service: iis-configuration
    conditions: { Channel: 'Microsoft-IIS-Configuration/Operational' }
  # --- pySigma windows_logsource_mapping, services absent from thor.yml ---
  - product: windows
    service: dns-server
    conditions: { Channel: 'DNS Server' }
  - product: windows
    service: dns-server-analytic
    conditions: { Channel: 'Microsoft-Windows-DNS-Server/Analytical' }
  - product: windows
    service: driver-framework
    conditions: { Channel: 'Microsoft-Windows-DriverFrameworks-UserMode/Operational' }

categories:
  # --- Sysmon (thor.yml) ---
  - product: windows
    category: process_creation
    variants:
      - service: sysmon
        conditions: { EventID: 1 }
      - service: security
        conditions: { EventID: 4688 }
        renames: { Image: NewProcessName, ParentImage: ParentProcessName }
  - product: windows
    category: file_change
    variants: [{ service: sysmon, conditions: { EventID: 2 } }]
  - product: windows
    category: network_connection
    variants: [{ service: sysmon, conditions: { EventID: 3 } }]
  - product: windows
    category: sysmon_status
    variants: [{ service: sysmon, conditions: { EventID: [4, 16] } }]
  - product: windows
    category: process_termination
    variants: [{ service: sysmon, conditions: { EventID: 5 } }]
  - product: windows
    category: driver_load
    variants: [{ service: sysmon, conditions: { EventID: 6 } }]
  - product: windows
    category: image_load
    variants: [{ service: sysmon, conditions: { EventID: 7 } }]
  - product: windows
    category: create_remote_thread
    variants: [{ service: sysmon, conditions: { EventID: 8 } }]
  - product: windows
    category: raw_access_thread
    variants: [{ service: sysmon, conditions: { EventID: 9 } }]
  - product: windows
    category: process_access
    variants: [{ service: sysmon, conditions: { EventID: 10 } }]
  - product: windows
    category: file_event
    variants: [{ service: sysmon, conditions: { EventID: 11 } }]
  - product: windows
    category: registry_event
    variants: [{ service: sysmon, conditions: { EventID: [12, 13, 14] } }]
  - product: windows
    category: registry_add
    variants: [{ service: sysmon, conditions: { EventID: 12, EventType: CreateKey } }]
  - product: windows
    category: registry_delete
    variants: [{ service: sysmon, conditions: { EventID: 12, EventType: [DeleteKey, DeleteValue] } }]
  - product: windows
    category: registry_set
    variants: [{ service: sysmon, conditions: { EventID: 13 } }]
  - product: windows
    category: registry_rename
    variants: [{ service: sysmon, conditions: { EventID: 14 } }]
  - product: windows
    category: create_stream_hash
    variants: [{ service: sysmon, conditions: { EventID: 15 } }]
  - product: windows
    category: pipe_created
    variants: [{ service: sysmon, conditions: { EventID: [17, 18] } }]
  - product: windows
    category: wmi_event
    variants: [{ service: sysmon, conditions: { EventID: [19, 20, 21] } }]
  - product: windows
    category: dns_query
    variants: [{ service: sysmon, conditions: { EventID: 22 } }]
  - product: windows
    category: file_delete
    variants: [{ service: sysmon, conditions: { EventID: 23 } }]
  - product: windows
    category: clipboard_change
    variants: [{ service: sysmon, conditions: { EventID: 24 } }]
  - product: windows
    category: process_tampering
    variants: [{ service: sysmon, conditions: { EventID: 25 } }]
  - product: windows
    category: file_delete_detected
    variants: [{ service: sysmon, conditions: { EventID: 26 } }]
  - product: windows
    category: file_block_executable
    variants: [{ service: sysmon, conditions: { EventID: 27 } }]
  - product: windows
    category: file_block_shredding
    variants: [{ service: sysmon, conditions: { EventID: 28 } }]
  - product: windows
    category: file_executable_detected
    variants: [{ service: sysmon, conditions: { EventID: 29 } }]
  - product: windows
    category: sysmon_error
    variants: [{ service: sysmon, conditions: { EventID: 255 } }]
  # --- PowerShell (thor.yml) ---
  - product: windows
    category: ps_module
    variants: [{ service: powershell, conditions: { EventID: 4103 } }]
  - product: windows
    category: ps_script
    variants: [{ service: powershell, conditions: { EventID: 4104 } }]
  - product: windows
    category: ps_classic_start
    variants: [{ service: powershell-classic, conditions: { EventID: 400 } }]
  - product: windows
    category: ps_classic_provider_start
    variants: [{ service: powershell-classic, conditions: { EventID: 600 } }]
  - product: windows
    category: ps_classic_script
    variants: [{ service: powershell-classic, conditions: { EventID: 800 } }]
  # --- Microsoft Defender, for any product (thor.yml rewrites it to windows/windefend) ---
  - category: antivirus
    variants:
      - product: windows
        service: windefend
        conditions:
          EventID: [1006, 1007, 1008, 1009, 1010, 1011, 1012, 1017, 1018, 1019, 1115, 1116]
        renames: { Signature: ThreatName, Filename: Path }
`;
