import { useEffect, useState } from 'react';
import type { FormSchema, JsonObject } from '../api/types';
import { useI18n, type Lang } from '../i18n';
import { describedBy, FieldError, FormField, JsonTextArea, Select } from './forms';
import { GeoField, GeoSummary } from './GeoField';

/**
 * THE generic renderer of the catalogue's application schemas (issue 14): every permit section
 * and the shared part are drawn from their JSON Schema as DKFDS form controls — never a form
 * written by hand per permit. Labels, help and the rule that asks for a field come from the
 * schema's annotations (`title`/`x-title-en`, `description`/`x-help-en`, `x-source`).
 *
 * - object → fieldset (legend = title) of its properties; an object none of whose properties
 *   has a title (GeoJSON geometry) is edited as JSON text;
 * - array of objects → one fieldset per item, with add/remove;
 * - enum → select; integer/number → numeric text input; `format: date` → date input;
 *   `x-widget: textarea` → textarea; `x-widget: geojson` → GeoField (a point as latitude/longitude
 *   or an outline as GeoJSON, checked as typed); other strings → text input.
 * `errors` maps JSON Pointers (as the API reports them) to a message shown at the field.
 */

export const labelOf = (s: FormSchema, lang: Lang, fallback: string) => (lang === 'en' ? (s['x-title-en'] ?? s.title) : s.title) ?? fallback;
const helpOf = (s: FormSchema, lang: Lang) => (lang === 'en' ? (s['x-help-en'] ?? s.description) : s.description);
/** The id of the control the renderer draws for a JSON Pointer. */
export const idOf = (pointer: string) => `f${pointer.replace(/[^A-Za-z0-9]+/g, '-')}`;
const editedAsJson = (s: FormSchema) => s.type === 'object' && !!s.properties && Object.values(s.properties).every((p) => !p.title);

interface FieldProps {
  schema: FormSchema;
  value: unknown;
  onChange: (v: unknown) => void;
  pointer: string;
  name: string;
  required: boolean;
  errors: ReadonlyMap<string, string>;
}

export function SchemaForm({ schema, value, onChange, pointer, errors }: { schema: FormSchema; value: JsonObject; onChange: (v: JsonObject) => void; pointer: string; errors: ReadonlyMap<string, string> }) {
  return <ObjectFields schema={schema} value={value} onChange={(v) => onChange(v as JsonObject)} pointer={pointer} errors={errors} />;
}

function ObjectFields({ schema, value, onChange, pointer, errors }: Omit<FieldProps, 'name' | 'required'>) {
  const obj = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as JsonObject;
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([key, child]) => (
        <SchemaField
          key={key}
          schema={child}
          name={key}
          value={obj[key]}
          required={schema.required?.includes(key) ?? false}
          pointer={`${pointer}/${key}`}
          errors={errors}
          onChange={(v) => {
            const next = { ...obj };
            if (v === undefined || v === '') delete next[key];
            else next[key] = v;
            onChange(next);
          }}
        />
      ))}
    </>
  );
}

function Hint({ schema }: { schema: FormSchema }) {
  const { t, lang } = useI18n();
  const help = helpOf(schema, lang);
  const source = schema['x-source'];
  if (!help && !source) return null;
  return (
    <>
      {help}
      {help && source ? ' ' : ''}
      {source ? (
        <span className="rl-block">
          {t('application.source')}: {source} {schema['x-inference'] ? t('application.inference') : ''}
        </span>
      ) : null}
    </>
  );
}

export function SchemaField(props: FieldProps) {
  const { schema, value, onChange, pointer, name, errors } = props;
  const { t, lang } = useI18n();
  const label = labelOf(schema, lang, name);
  const error = errors.get(pointer) ?? null;
  if (schema.type === 'object' && !editedAsJson(schema)) {
    return (
      <fieldset className="rl-schema-fieldset mt-5" data-pointer={pointer}>
        <legend className="h4">{label}</legend>
        <FieldError id={`${idOf(pointer)}-err`} error={error} />
        <ObjectFields schema={schema} value={value} onChange={onChange} pointer={pointer} errors={errors} />
      </fieldset>
    );
  }
  if (schema.type === 'array' && schema.items?.type === 'object') {
    const items = Array.isArray(value) ? (value as unknown[]) : [];
    const setItem = (i: number, v: unknown) => onChange(items.map((x, j) => (j === i ? v : x)));
    return (
      <fieldset className="rl-schema-fieldset mt-5" data-pointer={pointer}>
        <legend className="h4">{label}</legend>
        <FieldError id={`${idOf(pointer)}-err`} error={error} />
        {items.map((item, i) => (
          <fieldset key={i} className="rl-schema-item">
            <legend className="form-label">{t('application.item', { n: i + 1 })}</legend>
            <ObjectFields schema={schema.items as FormSchema} value={item} onChange={(v) => setItem(i, v)} pointer={`${pointer}/${i}`} errors={errors} />
            <button type="button" className="button button-tertiary" onClick={() => onChange(items.filter((_, j) => j !== i))}>
              {t('application.remove')} {t('application.item', { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        <button type="button" className="button button-secondary mt-3" data-testid={`add${idOf(pointer)}`} onClick={() => onChange([...items, {}])}>
          {t('application.add')}: {label}
        </button>
      </fieldset>
    );
  }
  const id = idOf(pointer);
  if (schema['x-widget'] === 'geojson') return <GeoField value={value} onChange={onChange} pointer={pointer} id={id} label={label} hint={<Hint schema={schema} />} serverError={error} />;
  const hasHint = !!(helpOf(schema, lang) || schema['x-source']);
  const aria = describedBy(id, { hint: hasHint, error });
  if (editedAsJson(schema)) return <JsonField {...props} id={id} label={label} />;
  const text = value === undefined || value === null ? '' : String(value);
  let control;
  if (schema.enum) {
    const options = schema.enum.map((o) => ({ value: String(o), text: String(o) }));
    control = <Select id={id} name={pointer} value={text} onChange={(v) => onChange(v === '' ? undefined : schema.type === 'string' ? v : Number(v))} {...aria} none="–" options={options} />;
  } else if (schema['x-widget'] === 'textarea') {
    control = <textarea className="form-input" id={id} name={pointer} rows={4} value={text} onChange={(e) => onChange(e.target.value)} {...aria} />;
  } else if (schema.type === 'integer' || schema.type === 'number') {
    control = <DecimalInput id={id} name={pointer} value={value} onChange={onChange} lang={lang} aria={aria} />;
  } else {
    control = (
      <input
        className="form-input"
        id={id}
        name={pointer}
        type={schema.format === 'date' ? 'date' : schema.format === 'email' ? 'email' : 'text'}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        {...aria}
      />
    );
  }
  return (
    <FormField id={id} label={label} hint={hasHint ? <Hint schema={schema} /> : undefined} error={error}>
      {control}
    </FormField>
  );
}

/**
 * The labels from `root` down to the field at `pointer` (relative to the root; array items as
 * "Item n"), for naming the field outside the form (the error summary).
 */
export function labelPathAt(root: FormSchema, pointer: string, lang: Lang, itemLabel: (n: number) => string): string[] {
  const out: string[] = [];
  let node: FormSchema | undefined = root;
  for (const part of pointer.split('/').slice(1)) {
    if (!node) break;
    if (/^\d+$/.test(part) && node.items) {
      node = node.items;
      out.push(itemLabel(Number(part) + 1));
    } else {
      node = node.properties?.[part];
      out.push(node ? labelOf(node, lang, part) : part);
    }
  }
  return out;
}

/**
 * Where focus goes for an error at `pointer` that has no control of its own (an object or a
 * list): the first control inside its fieldset, else the nearest enclosing field that is drawn.
 */
export function focusTargetOf(pointer: string): HTMLElement | null {
  for (let at = pointer; at.includes('/'); at = at.slice(0, at.lastIndexOf('/'))) {
    const own = document.getElementById(idOf(at));
    if (own) return own;
    const group = document.querySelector(`[data-pointer="${CSS.escape(at)}"]`);
    const control = group?.querySelector<HTMLElement>('input, select, textarea, button');
    if (control) return control;
  }
  return null;
}

/** The number a numeric field's text says (decimal comma or point), or null while it says none. */
export function parseDecimal(raw: string): number | null {
  const trimmed = raw.trim();
  if (trimmed === '' || !/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(trimmed)) return null;
  return Number(trimmed.replace(',', '.'));
}

/** How a stored number is shown: with a decimal comma in Danish. */
const showDecimal = (value: unknown, lang: Lang) => (value === undefined || value === null ? '' : lang === 'da' && typeof value === 'number' ? String(value).replace('.', ',') : String(value));

/**
 * A numeric field keeps what the user types as text: "12," is on its way to 12,5 and must not be
 * shown back as "12" (which turned 12,5 into 125). The model gets the number as soon as the text
 * is one, the text itself while it is not (the API then names the field); a value changed from
 * outside (a reload) replaces the text unless the text already says that number.
 */
function DecimalInput({ id, name, value, onChange, lang, aria }: { id: string; name: string; value: unknown; onChange: (v: unknown) => void; lang: Lang; aria: ReturnType<typeof describedBy> }) {
  const [raw, setRaw] = useState(() => showDecimal(value, lang));
  useEffect(() => {
    setRaw((current) => {
      const says = parseDecimal(current);
      if (typeof value === 'number') return says === value ? current : showDecimal(value, lang);
      if (value === undefined || value === null) return current.trim() === '' ? current : '';
      return String(value) === current ? current : String(value);
    });
  }, [value, lang]);
  return (
    <input
      className="form-input"
      id={id}
      name={name}
      type="text"
      inputMode="decimal"
      value={raw}
      onChange={(e) => {
        const next = e.target.value;
        setRaw(next);
        if (next.trim() === '') return onChange(undefined);
        onChange(parseDecimal(next) ?? next);
      }}
      {...aria}
    />
  );
}

/** An object edited as JSON text (GeoJSON geometry): kept as text until it parses. */
function JsonField({ value, onChange, pointer, errors, id, label }: FieldProps & { id: string; label: string }) {
  const { t } = useI18n();
  const [text, setText] = useState(value === undefined ? '' : JSON.stringify(value));
  const [bad, setBad] = useState(false);
  const error = bad ? t('application.jsonInvalid') : (errors.get(pointer) ?? null);
  return (
    <FormField id={id} label={label} hint={t('application.jsonHint')} error={error}>
      <JsonTextArea id={id} rows={2} text={text} onText={setText} onChange={onChange} onBad={setBad} {...describedBy(id, { hint: true, error })} />
    </FormField>
  );
}

/** The same schema, read-only: label → value, nested objects as sub-lists (caseworker view). */
export function SchemaValues({ schema, value, pointer }: { schema: FormSchema; value: unknown; pointer: string }) {
  const { lang } = useI18n();
  const obj = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as JsonObject;
  return (
    <dl className="rl-summary rl-summary--wide" data-pointer={pointer}>
      {Object.entries(schema.properties ?? {}).map(([key, child]) => {
        const v = obj[key];
        if (v === undefined) return null;
        return (
          <div key={key} className="rl-summary-row" data-pointer={`${pointer}/${key}`}>
            <dt>{labelOf(child, lang, key)}</dt>
            <dd>
              {child['x-widget'] === 'geojson' ? (
                <GeoSummary geometry={v} />
              ) : child.type === 'object' && !editedAsJson(child) ? (
                <SchemaValues schema={child} value={v} pointer={`${pointer}/${key}`} />
              ) : child.type === 'array' && child.items?.type === 'object' && Array.isArray(v) ? (
                <ul className="mt-0">
                  {v.map((item, i) => (
                    <li key={i}>{Object.values((item ?? {}) as JsonObject).map(String).join(', ')}</li>
                  ))}
                </ul>
              ) : typeof v === 'object' ? (
                <code>{JSON.stringify(v)}</code>
              ) : (
                String(v)
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
