/**
 * Web templates: `webserver` (W3C extended / IIS access-log fields: date, time, s-ip, cs-method, cs-uri-stem,
 * cs-uri-query, s-port, cs-username, c-ip, cs-user-agent, cs-referer, cs-host, sc-status, ...) and `proxy`
 * (SigmaHQ's proxy taxonomy: c-ip, cs-method, c-uri, c-uri-scheme, cs-host, c-uri-port, c-uri-path,
 * c-uri-query, c-uri-extension, c-useragent, cs-referrer, cs-cookie, sc-status, r-dns, dst_ip, ...). Empty
 * values are written as `-`, as W3C logs do. Plain records, no product (the rules' log sources name only the
 * category).
 */
import type { Faker } from '@faker-js/faker';
import { eventTime, pick } from './faker-source.js';
import { fqdn, privateIpv4, publicIpv4, url, urlPath, urlQuery, userAgent } from './network-values.js';
import { defineTemplate, type Template } from './types.js';

const METHODS = ['GET', 'GET', 'GET', 'POST', 'POST', 'HEAD', 'PUT', 'OPTIONS'];
const STATUS = [200, 200, 200, 204, 301, 302, 304, 400, 401, 403, 404, 404, 500, 503];

function status(f: Faker): number {
  return pick(f, STATUS);
}

export const webserver: Template = defineTemplate({
  name: 'webserver',
  description: 'Web server access log (W3C extended / IIS fields)',
  format: 'plain',
  logsources: [{ category: 'webserver' }],
  build: (f) => {
    const time = eventTime(f).toISOString();
    const host = fqdn(f);
    const secure = f.datatype.boolean();
    return {
      date: time.slice(0, 10),
      time: time.slice(11, 19),
      's-sitename': `W3SVC${f.number.int({ min: 1, max: 5 })}`,
      's-ip': privateIpv4(f),
      'cs-method': pick(f, METHODS),
      'cs-uri-stem': urlPath(f, pick(f, ['aspx', 'php', 'html', 'js', 'css', 'png', 'asmx', 'jsp'])),
      'cs-uri-query': f.datatype.boolean() ? urlQuery(f) : '-',
      's-port': secure ? 443 : 80,
      'cs-username': f.number.int({ min: 0, max: 4 }) === 0 ? f.internet.username() : '-',
      'c-ip': publicIpv4(f),
      'cs-version': pick(f, ['HTTP/1.1', 'HTTP/2']),
      'cs-user-agent': userAgent(f),
      'cs-referer': f.datatype.boolean() ? url(f, host) : '-',
      'cs-host': host,
      'sc-status': status(f),
      'sc-substatus': 0,
      'sc-win32-status': 0,
      'sc-bytes': f.number.int({ min: 100, max: 2_000_000 }),
      'cs-bytes': f.number.int({ min: 100, max: 20_000 }),
      'time-taken': f.number.int({ min: 1, max: 5_000 }),
    };
  },
});

export const proxy: Template = defineTemplate({
  name: 'proxy',
  description: 'Web proxy log (SigmaHQ proxy taxonomy fields)',
  format: 'plain',
  logsources: [{ category: 'proxy' }],
  build: (f) => {
    const host = fqdn(f);
    const scheme = pick(f, ['https', 'https', 'http']);
    const extension = pick(f, ['html', 'php', 'js', 'css', 'png', 'json', 'exe', 'zip', 'ps1', 'dll']);
    const path = urlPath(f, extension);
    const query = f.datatype.boolean() ? urlQuery(f) : '';
    const port = scheme === 'https' ? 443 : 80;
    return {
      'c-ip': privateIpv4(f),
      'cs-username': f.datatype.boolean() ? f.internet.username().toLowerCase() : '-',
      'cs-method': pick(f, METHODS),
      'c-uri': `${scheme}://${host}${path}${query === '' ? '' : `?${query}`}`,
      'c-uri-scheme': scheme,
      'cs-host': host,
      'c-uri-port': port,
      'c-uri-path': path,
      'c-uri-query': query === '' ? '-' : `?${query}`,
      'c-uri-extension': extension,
      'c-useragent': userAgent(f),
      'cs-referrer': f.datatype.boolean() ? url(f) : '-',
      'cs-cookie': f.datatype.boolean() ? `session=${f.string.alphanumeric(24)}` : '-',
      'cs-version': 'HTTP/1.1',
      'sc-status': status(f),
      'sc-bytes': f.number.int({ min: 100, max: 5_000_000 }),
      'cs-bytes': f.number.int({ min: 100, max: 20_000 }),
      'r-dns': host,
      dst_ip: publicIpv4(f),
      dst_port: port,
      's-action': pick(f, ['TCP_MISS', 'TCP_HIT', 'TCP_TUNNELED', 'TCP_DENIED']),
      timestamp: eventTime(f).toISOString(),
    };
  },
});
