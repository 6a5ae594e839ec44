import { checkEndpointUrl, guardedLookup, isForbiddenAddress, parseEndpointUrl } from './url-policy';

const prod = { production: true };
const dev = { production: false };

describe('webhook URL policy', () => {
  it('refuses private, loopback, link-local and reserved addresses', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1']) {
      expect([a, isForbiddenAddress(a)]).toEqual([a, true]);
    }
    for (const a of ['8.8.8.8', '193.163.102.1', '2a00:1450:4001::1']) expect([a, isForbiddenAddress(a)]).toEqual([a, false]);
  });

  it('production: https only, no literal private hosts, no localhost, no credentials', () => {
    expect(parseEndpointUrl('https://esdh.example.dk/hook', prod).toString()).toBe('https://esdh.example.dk/hook');
    for (const bad of ['http://esdh.example.dk/hook', 'http://127.0.0.1:8080/x', 'https://127.0.0.1/x', 'https://[::1]/x', 'https://10.0.0.5/x', 'https://localhost/x', 'https://u:p@esdh.example.dk/', 'ftp://x.dk/', 'not a url', 'https://x.dk/#frag']) {
      expect(() => parseEndpointUrl(bad, prod)).toThrow(expect.objectContaining({ code: 'WEBHOOK.URL_INVALID' }));
    }
  });

  it('development: http only to 127.0.0.1', () => {
    expect(parseEndpointUrl('http://127.0.0.1:4000/hook', dev).hostname).toBe('127.0.0.1');
    expect(() => parseEndpointUrl('http://localhost:4000/hook', dev)).toThrow(expect.objectContaining({ code: 'WEBHOOK.URL_INVALID' }));
    expect(() => parseEndpointUrl('http://10.0.0.1/hook', dev)).toThrow(expect.objectContaining({ code: 'WEBHOOK.URL_INVALID' }));
  });

  const lookup = (policy: { production: boolean }, host: string) =>
    new Promise<string>((resolve, reject) => guardedLookup(policy)(host, {}, (err, address) => (err ? reject(err) : resolve(String(address)))));

  it('the connection-time lookup refuses a loopback answer in production and allows 127.0.0.1 only outside it', async () => {
    await expect(lookup(prod, '127.0.0.1')).rejects.toMatchObject({ code: 'WEBHOOK.TARGET_REFUSED' });
    await expect(lookup(prod, '::1')).rejects.toMatchObject({ code: 'WEBHOOK.TARGET_REFUSED' });
    await expect(lookup(dev, '127.0.0.1')).resolves.toBe('127.0.0.1');
    await expect(lookup(dev, '10.0.0.1')).rejects.toMatchObject({ code: 'WEBHOOK.TARGET_REFUSED' });
  });

  it('a host name that does not resolve to a public address is refused at registration', async () => {
    // "localhost." (trailing dot) passes the syntax check; it resolves to loopback (or not at all).
    await expect(checkEndpointUrl('https://localhost./x', prod)).rejects.toMatchObject({ code: expect.stringMatching(/^WEBHOOK\.(TARGET_REFUSED|URL_INVALID)$/) });
  });
});
