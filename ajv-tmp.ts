import { draftErrors, listCatalogVersions, getCatalog } from './libs/permits/catalog/src';
for (const { version } of listCatalogVersions()) {
  const codes = getCatalog(version).permitTypes.map((t) => t.code);
  let t = process.hrtime.bigint();
  draftErrors(version, { shared: {}, sections: {} }, codes);
  const first = Number(process.hrtime.bigint() - t) / 1e6;
  t = process.hrtime.bigint();
  for (let i = 0; i < 100; i++) draftErrors(version, { shared: {}, sections: {} }, codes);
  console.log(version, 'first call ms', first.toFixed(0), 'then ms/call', (Number(process.hrtime.bigint() - t) / 1e8).toFixed(3));
}
