import { useState, type ReactNode } from 'react';
import { siteGeometryProblems } from '@rl/permits-catalog';
import { fmtNumber } from '../format';
import { useI18n, type Lang } from '../i18n';
import { ChoiceGroup, describedBy, FieldError, FormField, JsonTextArea, parseJson } from './forms';

/**
 * The site's optional geometry (issue 14; `x-widget: geojson` in the catalogue's schema): a point
 * entered as latitude/longitude (stored as a GeoJSON Point, longitude first), or the outline
 * pasted as GeoJSON. Checked as it is typed with the same function the API uses
 * (`siteGeometryProblems`: RFC 7946 with @placemarkio/check-geojson, Danish bounds, no
 * self-intersection), so the message at the field is the server's. No map widget: a map needs
 * tiles from the internet (none here, and a tile provider is a third party seeing the site), and
 * a map without a background adds nothing over the coordinates; the caseworker's view draws the
 * outline as a small sketch (GeoSummary).
 */
type Mode = 'none' | 'point' | 'geojson';
type Geometry = { type: string; coordinates: unknown };

const modeOf = (v: unknown): Mode => (!v || typeof v !== 'object' ? 'none' : (v as Geometry).type === 'Point' ? 'point' : 'geojson');
const parseNumber = (s: string) => (s.trim() === '' ? NaN : Number(s.trim().replace(',', '.')));

export function GeoField({ value, onChange, pointer, id, label, hint, serverError }: { value: unknown; onChange: (v: unknown) => void; pointer: string; id: string; label: string; hint?: ReactNode; serverError: string | null }) {
  const { t, lang } = useI18n();
  const [mode, setMode] = useState<Mode>(modeOf(value));
  const point = modeOf(value) === 'point' ? ((value as Geometry).coordinates as number[]) : null;
  const [lat, setLat] = useState(point ? String(point[1]) : '');
  const [lon, setLon] = useState(point ? String(point[0]) : '');
  const [text, setText] = useState(modeOf(value) === 'geojson' ? JSON.stringify(value) : '');
  const [parseError, setParseError] = useState(false);

  const problems = value === undefined ? [] : siteGeometryProblems(value);
  const localError = parseError ? t('application.jsonInvalid') : problems.length > 0 ? problems.map((p) => (lang === 'en' ? p.en : p.da)).join(' ') : null;
  const error = localError ?? serverError;

  const setPoint = (la: string, lo: string) => {
    setLat(la);
    setLon(lo);
    const y = parseNumber(la);
    const x = parseNumber(lo);
    if (la.trim() === '' && lo.trim() === '') return onChange(undefined);
    // Until both are numbers the point is incomplete, and the check says so at the field.
    onChange({ type: 'Point', coordinates: [x, y].filter((n) => Number.isFinite(n)) });
  };

  return (
    <fieldset className="rl-schema-fieldset mt-5" data-pointer={pointer} data-testid="geo-field">
      <legend className="h4">{label}</legend>
      {hint ? <p className="form-hint mt-0">{hint}</p> : null}
      <ChoiceGroup<Mode>
        id={`${id}-mode`}
        legend={t('geo.mode')}
        name={`${id}-mode`}
        type="radio"
        options={['none', 'point', 'geojson']}
        checked={(m) => m === mode}
        onChange={(m) => {
          setMode(m);
          setParseError(false);
          if (m === 'none') onChange(undefined);
          if (m === 'point') setPoint(lat, lon);
          if (m === 'geojson') onChange(text.trim() === '' ? undefined : parseJson(text));
        }}
        labelOf={(m) => t(`geo.mode.${m}`)}
      />
      {mode === 'point' ? (
        <div className="rl-geo-point">
          <FormField id={`${id}-lat`} label={t('geo.lat')} hint={t('geo.latHint')} error={lat.trim() !== '' && !Number.isFinite(parseNumber(lat)) ? t('geo.number') : null}>
            <input className="form-input input-width-s" id={`${id}-lat`} inputMode="decimal" value={lat} onChange={(e) => setPoint(e.target.value, lon)} {...describedBy(`${id}-lat`, { hint: true })} />
          </FormField>
          <FormField id={`${id}-lon`} label={t('geo.lon')} hint={t('geo.lonHint')} error={lon.trim() !== '' && !Number.isFinite(parseNumber(lon)) ? t('geo.number') : null}>
            <input className="form-input input-width-s" id={`${id}-lon`} inputMode="decimal" value={lon} onChange={(e) => setPoint(lat, e.target.value)} {...describedBy(`${id}-lon`, { hint: true })} />
          </FormField>
        </div>
      ) : null}
      {mode === 'geojson' ? (
        <FormField id={id} label={t('geo.geojsonLabel')} hint={t('geo.geojsonHint')}>
          <JsonTextArea id={id} rows={4} text={text} onText={setText} onChange={onChange} onBad={setParseError} {...describedBy(id, { hint: true, error })} />
        </FormField>
      ) : null}
      <FieldError id={`${id}-err`} error={mode === 'none' ? serverError : error} />
      {mode !== 'none' && value !== undefined && !error ? (
        <p className="form-hint" data-testid="geo-valid">
          {t('geo.valid')} <GeoSummary geometry={value} />
        </p>
      ) : null}
    </fieldset>
  );
}

const fmtDeg = (lang: Lang, v: number) => fmtNumber(lang, v, 4);
/** Metres per degree at a latitude (spherical Earth, enough for a site sketch). */
const M_PER_DEG_LAT = 111_320;

/** The outer rings of a Polygon/MultiPolygon (positions as [lon, lat]). */
function ringsOf(g: Geometry): number[][][] {
  if (g.type === 'Polygon') return [(g.coordinates as number[][][])[0]];
  if (g.type === 'MultiPolygon') return (g.coordinates as number[][][][]).map((p) => p[0]);
  return [];
}

/**
 * A valid geometry in words — the point's latitude/longitude, or the polygon's corners, centre
 * and extent in metres — and, for a polygon, its outline as a small SVG sketch (no map, no tiles).
 */
export function GeoSummary({ geometry }: { geometry: unknown }) {
  const { t, lang } = useI18n();
  if (!geometry || typeof geometry !== 'object' || siteGeometryProblems(geometry).length > 0) return <code>{JSON.stringify(geometry)}</code>;
  const g = geometry as Geometry;
  if (g.type === 'Point') {
    const [lon, lat] = g.coordinates as number[];
    return <span data-testid="geo-summary">{t('geo.point', { lat: fmtDeg(lang, lat), lon: fmtDeg(lang, lon) })}</span>;
  }
  const rings = ringsOf(g);
  const all = rings.flat();
  const lons = all.map((p) => p[0]);
  const lats = all.map((p) => p[1]);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const midLat = (minLat + maxLat) / 2;
  const kx = M_PER_DEG_LAT * Math.cos((midLat * Math.PI) / 180);
  const w = (maxLon - minLon) * kx;
  const h = (maxLat - minLat) * M_PER_DEG_LAT;
  const corners = rings.reduce((n, r) => n + r.length - 1, 0);
  const scale = 100 / Math.max(w, h, 1);
  const path = rings.map((r) => r.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${((x - minLon) * kx * scale).toFixed(1)},${((maxLat - y) * M_PER_DEG_LAT * scale).toFixed(1)}`).join(' ') + ' Z').join(' ');
  return (
    <span data-testid="geo-summary">
      {t('geo.polygon', { type: g.type, n: corners, lat: fmtDeg(lang, midLat), lon: fmtDeg(lang, (minLon + maxLon) / 2), w: fmtNumber(lang, Math.round(w)), h: fmtNumber(lang, Math.round(h)) })}
      <svg className="rl-geo-sketch" viewBox="-4 -4 108 108" width="120" height="120" role="img" aria-label={t('geo.outline')}>
        <path d={path} fill="#d6e6f5" stroke="#0059b3" strokeWidth="2" vectorEffect="non-scaling-stroke" />
      </svg>
    </span>
  );
}
