import { httpLogSerializers, REDACTED, redactText, redactUrl } from './logger';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXZhbHVl';

describe('log redaction', () => {
  it('redacts credential-like query parameters and leaves the rest', () => {
    expect(redactUrl(`/admin/queues?token=${JWT}&page=2`)).toBe(`/admin/queues?token=${REDACTED}&page=2`);
    expect(redactUrl('/cb?code=abc&state=xyz&access_token=t&api_key=k&Password=p')).toBe(`/cb?code=${REDACTED}&state=xyz&access_token=${REDACTED}&api_key=${REDACTED}&Password=${REDACTED}`);
    expect(redactUrl('/api/v1/cases?q=plant&page=1')).toBe('/api/v1/cases?q=plant&page=1');
    expect(redactUrl('/x?%74oken=secret')).toBe(`/x?%74oken=${REDACTED}`);
  });

  it('masks a JWT anywhere in a URL or message', () => {
    expect(redactUrl(`/api/v1/nope/${JWT}`)).toBe(`/api/v1/nope/${REDACTED}`);
    expect(redactText(`GET /x?a=${JWT} failed`)).toBe(`GET /x?a=${REDACTED} failed`);
  });

  it('serializes requests and responses without tokens in headers, cookies or query', () => {
    const req = httpLogSerializers.req({
      id: '1',
      method: 'GET',
      url: `/admin/queues?token=${JWT}`,
      query: { token: JWT, page: '2' },
      headers: { authorization: `Bearer ${JWT}`, cookie: `rl_admin_token=${JWT}`, 'x-api-key': 'k', 'user-agent': 'curl', referer: `http://x/?t=${JWT}` },
    });
    expect(JSON.stringify(req)).not.toContain(JWT.split('.')[2]);
    expect(req.headers).toMatchObject({ authorization: REDACTED, cookie: REDACTED, 'x-api-key': REDACTED, 'user-agent': 'curl' });
    expect(req.query).toEqual({ token: REDACTED, page: '2' });
    const res = httpLogSerializers.res({ statusCode: 303, headers: { 'set-cookie': `rl_admin_token=${JWT}; HttpOnly`, location: '/admin/queues' } });
    expect(res.headers).toEqual({ 'set-cookie': REDACTED, location: '/admin/queues' });
  });
});
