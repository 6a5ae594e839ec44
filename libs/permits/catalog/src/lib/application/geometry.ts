/**
 * The site's optional geometry (issue 14): a GeoJSON Point or Polygon (or MultiPolygon, a site
 * of separate plots) in WGS84, RFC 7946. Checked in three layers, pure (the web runs the same
 * function before it saves):
 * 1. the catalogue's JSON Schema (Ajv): an object with `type` and `coordinates`, nothing else;
 * 2. RFC 7946 structure with @placemarkio/check-geojson (Placemark's strict GeoJSON checker:
 *    positions of 2–3 numbers, rings of ≥ 4 positions that close, the right nesting per type);
 * 3. sanity for a Danish site: every position inside Denmark's bounding box (with Bornholm and
 *    Christiansø), longitude first (a swapped pair is named as such), and a polygon whose
 *    boundary does not cross itself (@turf/kinks).
 * Messages are Danish and English; the pointer is that of the geometry (the web shows it there).
 */
import { getIssues } from '@placemarkio/check-geojson';
import kinks from '@turf/kinks';

/**
 * Denmark's extent in WGS84 with a margin: westernmost point Blåvandshuk 8.07° E, easternmost
 * Christiansø 15.19° E, southernmost Gedser Odde 54.56° N, northernmost Skagen Grenen 57.75° N.
 * Inference: the extremes are common geographic knowledge, not from a statute; the rule is a
 * sanity check (a typo or swapped coordinates), not a legal boundary (sea territory, Faroe
 * Islands and Greenland are outside L 206's scope).
 */
export const DENMARK_BOUNDS = { minLon: 7.9, maxLon: 15.3, minLat: 54.45, maxLat: 57.85 } as const;

/** At most this many positions in one geometry (a site outline, not a survey). Inference. */
export const MAX_GEOMETRY_POSITIONS = 5000;

export interface GeometryProblem {
  da: string;
  en: string;
}

/** Danish for the checker's messages we expect; anything else is prefixed in Danish and kept in English. */
const DA: [RegExp, string][] = [
  [/four or more positions/i, 'En polygons ring skal have mindst fire positioner.'],
  [/First and last positions/i, 'En polygons ring skal slutte i sit første punkt (første og sidste position ens).'],
  [/position should have 2 or 3 elements/i, 'En position skal have 2 eller 3 tal (længdegrad, breddegrad).'],
  [/must be a number|should be a number|Each element in a position must be a number/i, 'En position må kun indeholde tal.'],
  [/type/i, 'Geometritypen er ukendt eller mangler.'],
];

function danishOf(en: string): string {
  for (const [re, da] of DA) if (re.test(en)) return da;
  return `Ugyldig GeoJSON (RFC 7946): ${en}`;
}

const inDenmark = (lon: number, lat: number) => lon >= DENMARK_BOUNDS.minLon && lon <= DENMARK_BOUNDS.maxLon && lat >= DENMARK_BOUNDS.minLat && lat <= DENMARK_BOUNDS.maxLat;

/** Every position of a (structurally valid) Point/Polygon/MultiPolygon. */
function positionsOf(g: { type: string; coordinates: unknown }): number[][] {
  const c = g.coordinates as unknown;
  if (g.type === 'Point') return [c as number[]];
  if (g.type === 'Polygon') return (c as number[][][]).flat();
  if (g.type === 'MultiPolygon') return (c as number[][][][]).flat(2);
  return [];
}

/**
 * The problems of a site geometry; empty when it is a valid RFC 7946 Point, Polygon or
 * MultiPolygon inside Denmark. `undefined`/absent is fine (the field is optional).
 */
export function siteGeometryProblems(geometry: unknown): GeometryProblem[] {
  if (geometry === undefined) return [];
  if (typeof geometry !== 'object' || geometry === null || Array.isArray(geometry)) return [{ da: 'Skal være et GeoJSON-objekt.', en: 'Must be a GeoJSON object.' }];
  const g = geometry as { type?: unknown; coordinates?: unknown };
  if (g.type !== 'Point' && g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
    return [{ da: 'Kun GeoJSON Point, Polygon eller MultiPolygon.', en: 'Only a GeoJSON Point, Polygon or MultiPolygon.' }];
  }
  const issues = getIssues(JSON.stringify(geometry)).filter((i) => i.severity === 'error');
  if (issues.length > 0) {
    const seen = new Set<string>();
    return issues
      .filter((i) => !seen.has(i.message) && !!seen.add(i.message))
      .map((i) => ({ da: danishOf(i.message), en: `Invalid GeoJSON (RFC 7946): ${i.message}` }));
  }
  const positions = positionsOf(g as { type: string; coordinates: unknown });
  if (positions.length > MAX_GEOMETRY_POSITIONS) {
    return [{ da: `Højst ${MAX_GEOMETRY_POSITIONS} positioner.`, en: `At most ${MAX_GEOMETRY_POSITIONS} positions.` }];
  }
  const outside = positions.find(([lon, lat]) => !inDenmark(lon, lat));
  if (outside) {
    const [lon, lat] = outside;
    const swapped = inDenmark(lat, lon);
    return [
      swapped
        ? { da: `Positionen [${lon}, ${lat}] ligger uden for Danmark; er længde- og breddegrad byttet om? GeoJSON skriver længdegrad først: [${lat}, ${lon}].`, en: `The position [${lon}, ${lat}] lies outside Denmark; are longitude and latitude swapped? GeoJSON puts longitude first: [${lat}, ${lon}].` }
        : { da: `Positionen [${lon}, ${lat}] ligger uden for Danmark (WGS84, længdegrad først).`, en: `The position [${lon}, ${lat}] lies outside Denmark (WGS84, longitude first).` },
    ];
  }
  if (g.type !== 'Point' && kinks(g as Parameters<typeof kinks>[0]).features.length > 0) {
    return [{ da: 'Polygonens kant krydser sig selv.', en: 'The polygon’s boundary crosses itself.' }];
  }
  return [];
}
