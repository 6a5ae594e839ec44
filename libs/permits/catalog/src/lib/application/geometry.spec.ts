import { siteGeometryProblems } from './geometry';
import { checkPermit, draftErrors } from './validate';

const V = '2025.1';
const KALUNDBORG = [11.0932, 55.6786];
/** A small closed ring around the Kalundborg demo site (anticlockwise, RFC 7946 §3.1.6). */
const RING = [
  [11.092, 55.678],
  [11.095, 55.678],
  [11.095, 55.6795],
  [11.092, 55.6795],
  [11.092, 55.678],
];
const withGeometry = (geometry: unknown) => ({ shared: { site: { geometry } }, sections: {} });
const pointers = (geometry: unknown) => draftErrors(V, withGeometry(geometry), ['BUILDING_PERMIT']).map((e) => e.pointer);

describe('the site geometry (GeoJSON, issue 14)', () => {
  it('accepts a point, a polygon and a multipolygon in Denmark, and no geometry at all', () => {
    expect(siteGeometryProblems(undefined)).toEqual([]);
    expect(siteGeometryProblems({ type: 'Point', coordinates: KALUNDBORG })).toEqual([]);
    expect(siteGeometryProblems({ type: 'Polygon', coordinates: [RING] })).toEqual([]);
    expect(siteGeometryProblems({ type: 'MultiPolygon', coordinates: [[RING]] })).toEqual([]);
    // Bornholm (Rønne) is Denmark too.
    expect(siteGeometryProblems({ type: 'Point', coordinates: [14.7, 55.1] })).toEqual([]);
    expect(pointers({ type: 'Polygon', coordinates: [RING] })).toEqual([]);
  });

  it('refuses what RFC 7946 refuses: an open ring, too few positions, a position of one number', () => {
    const open = siteGeometryProblems({ type: 'Polygon', coordinates: [RING.slice(0, 4)] });
    expect(open.map((p) => p.en).join(' ')).toMatch(/First and last positions/);
    expect(open.map((p) => p.da).join(' ')).toMatch(/slutte i sit første punkt/);
    expect(siteGeometryProblems({ type: 'Polygon', coordinates: [[RING[0], RING[1], RING[0]]] }).map((p) => p.en).join(' ')).toMatch(/four or more positions/);
    expect(siteGeometryProblems({ type: 'Point', coordinates: [11.09] })[0].en).toMatch(/2 or 3 elements/);
  });

  it('refuses positions outside Denmark, and names swapped longitude/latitude', () => {
    const swapped = siteGeometryProblems({ type: 'Point', coordinates: [55.6786, 11.0932] });
    expect(swapped).toHaveLength(1);
    expect(swapped[0].en).toMatch(/swapped/);
    expect(swapped[0].da).toMatch(/byttet om/);
    expect(siteGeometryProblems({ type: 'Point', coordinates: [2.35, 48.85] })[0].en).toMatch(/outside Denmark/); // Paris
  });

  it('refuses a polygon whose boundary crosses itself (a bow tie)', () => {
    const bowTie = [
      [11.09, 55.67],
      [11.1, 55.68],
      [11.1, 55.67],
      [11.09, 55.68],
      [11.09, 55.67],
    ];
    expect(siteGeometryProblems({ type: 'Polygon', coordinates: [bowTie] })[0].en).toMatch(/crosses itself/);
  });

  it('reports each problem at the geometry’s JSON Pointer in a draft save and in the pre-submission check, once', () => {
    expect(pointers({ type: 'Point', coordinates: [55.6786, 11.0932] })).toEqual(['/shared/site/geometry']);
    // A schema violation (unknown type, foreign member) is reported by Ajv alone, not twice.
    expect(pointers({ type: 'LineString', coordinates: [KALUNDBORG, KALUNDBORG] })).toEqual(['/shared/site/geometry/type']);
    expect(pointers({ type: 'Point', coordinates: KALUNDBORG, crs: 'x' })).toEqual(['/shared/site/geometry/crs']);
    const check = checkPermit(V, withGeometry({ type: 'Polygon', coordinates: [RING.slice(0, 4)] }), 'BUILDING_PERMIT', []);
    expect(check.filter((m) => m.pointer === '/shared/site/geometry').length).toBeGreaterThan(0);
  });
});
