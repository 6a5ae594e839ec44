import { renderProxyInvitation } from './invitation';

describe('fuldmagt invitation e-mail', () => {
  const data = {
    organisationName: 'Nordlys <Pharma> A/S',
    inviterName: 'Anna Nordlys',
    role: 'prepare',
    caseTitle: 'API-fabrik',
    validFrom: '2026-12-01',
    validUntil: '2027-06-30',
    acceptLink: 'https://rodlober.example/fuldmagt/accept?token=abc',
  };

  it('says who grants what, for how long, with the accept link, in Danish and English', () => {
    const da = renderProxyInvitation('da', data);
    expect(da.subject).toBe('Fuldmagt fra Nordlys <Pharma> A/S');
    expect(da.text).toContain('forberede');
    expect(da.text).toContain('sagen "API-fabrik"');
    expect(da.text).toContain('30. juni 2027');
    expect(da.text).toContain(data.acceptLink);
    const en = renderProxyInvitation('en', { ...data, caseTitle: undefined });
    expect(en.text).toContain("all the company's cases");
    expect(en.subject).toBe('Power of attorney from Nordlys <Pharma> A/S');
  });

  it('escapes every value in HTML and drops links that are not http(s)', () => {
    const r = renderProxyInvitation('da', { ...data, acceptLink: 'javascript:alert(1)' });
    expect(r.html).toContain('Nordlys &lt;Pharma&gt; A/S');
    expect(r.html).not.toContain('<Pharma>');
    expect(r.html).not.toContain('javascript:');
  });
});
