import { SHARED_PART_SCHEMA, type FormSchema } from '@rl/permits-catalog';
import { SHARED_PART_OPENAPI } from './openapi-schema';

type Node = { type?: string; properties?: Record<string, Node>; items?: Node; description?: string; pattern?: string };

/** Every property path of a schema (through objects and array items). */
function paths(s: FormSchema | Node, at = ''): string[] {
  const own = Object.entries(s.properties ?? {}).flatMap(([k, v]) => [`${at}/${k}`, ...paths(v as Node, `${at}/${k}`)]);
  return s.items ? [...own, ...paths(s.items as Node, `${at}/*`)] : own;
}
const at = (s: Node, path: string): Node => path.split('/').slice(1).reduce((n, k) => (k === '*' ? (n.items as Node) : (n.properties as Record<string, Node>)[k]), s);

describe('the application fields in the OpenAPI document (issue 14)', () => {
  const doc = SHARED_PART_OPENAPI as Node;

  it('documents every field of the catalogue’s shared part, with its bounds and a label, and an `items` on every array', () => {
    expect(paths(doc)).toEqual(paths(SHARED_PART_SCHEMA));
    expect(at(doc, '/company/cvr').pattern).toBe(SHARED_PART_SCHEMA.properties?.company.properties?.cvr.pattern);
    expect(at(doc, '/site/cadastralParcels/*/ejerlav').description).toMatch(/Ejerlav \/ Cadastral district/);
    for (const p of paths(doc)) if (at(doc, p).type === 'array') expect([p, at(doc, p).items !== undefined]).toEqual([p, true]);
  });

  it('says what the server checks of the GeoJSON geometry beyond the schema', () => {
    expect(at(doc, '/site/geometry').description).toMatch(/RFC 7946.*Denmark.*cross itself/s);
  });
});
