import { actionNeeds, PROXY_RANK, PROXY_ROLES } from './proxy-roles';
import { APPLICANT_ACTIONS } from './access.service';

describe('fuldmagt roles', () => {
  it('orders read < prepare < submit', () => {
    expect(PROXY_ROLES.map((r) => PROXY_RANK[r])).toEqual([1, 2, 3]);
  });

  it('prepare covers editing and uploading; every act towards an authority needs submit', () => {
    expect(['document.upload', 'document.version', 'application.edit', 'case.create'].map(actionNeeds)).toEqual(['prepare', 'prepare', 'prepare', 'prepare']);
    const filing = [...APPLICANT_ACTIONS].filter((a) => !a.startsWith('document.'));
    expect(filing.sort()).toEqual(['applicant.infoProvided', 'application.submitted', 'application.withdrawn', 'case.submitted', 'case.withdrawn']);
    for (const a of [...filing, 'permit.reapplied', 'something.new']) expect([a, actionNeeds(a)]).toEqual([a, 'submit']);
  });
});
