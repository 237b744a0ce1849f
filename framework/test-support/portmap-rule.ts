/** Test fixture: a minimal form of SigmaHQ's portmap rule (Sysmon 3, Initiated 'true', endswith '.portmap.io'). */
export const PORTMAP_RULE_YAML = `title: Portmap
id: 07837ab9-60e1-481f-a74d-c31fb496a94c
level: medium
logsource: {category: network_connection, product: windows}
detection:
  selection:
    Initiated: 'true'
    DestinationHostname|endswith: '.portmap.io'
  condition: selection
`;
