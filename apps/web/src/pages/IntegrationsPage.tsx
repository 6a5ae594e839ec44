import { useState, type FormEvent } from 'react';
import { apiRequest, type Session } from '../api';
import { useStatusAction } from '../components/actions';
import { LoadedTable, Loadable, StatusMessage } from '../components/common';
import { PageHeading } from '../components/PageHeading';
import { fmtDateTime } from '../format';
import { useLoad } from '../hooks';
import { useI18n, useTexts, type Lang } from '../i18n';

// Issue 18: webhooks (authority / company) and machine clients (admins). The texts live here,
// beside the page, so the shared dictionaries stay untouched by this feature.
const TEXT = {
  da: {
    title: 'Integrationer',
    intro: 'Webhooks sender hændelser (CloudEvents, signeret efter Standard Webhooks) til jeres eget sags- og journalsystem.',
    endpoints: 'Webhook-modtagere',
    none: 'Ingen modtagere endnu.',
    url: 'Adresse (https)',
    description: 'Beskrivelse',
    events: 'Hændelser',
    register: 'Opret modtager',
    registered: 'Modtageren er oprettet. Gem hemmeligheden nu – den vises kun én gang:',
    status: 'Status',
    deliveries: 'Leveringer',
    showLog: 'Vis leveringslog',
    attempts: 'Forsøg',
    code: 'Svarkode',
    latency: 'Svartid',
    created: 'Oprettet',
    replay: 'Send igen',
    replayed: 'Leveringen sendes igen.',
    clients: 'Maskinklienter (OAuth2 client credentials)',
    clientsIntro: 'En klient handler for én myndighed med de valgte rettigheder; dens handlinger logges i dens navn.',
    clientName: 'Navn',
    authorityId: 'Myndighedens id (uuid)',
    scopes: 'Rettigheder',
    createClient: 'Opret klient',
    clientCreated: 'Klienten er oprettet. Gem klient-id og hemmelighed nu:',
    revoke: 'Tilbagekald',
    rotate: 'Ny hemmelighed',
    revoked: 'Tilbagekaldt',
    active: 'Aktiv',
    disabled: 'Slået fra',
  },
  en: {
    title: 'Integrations',
    intro: 'Webhooks send events (CloudEvents, signed per Standard Webhooks) to your own case and records system.',
    endpoints: 'Webhook endpoints',
    none: 'No endpoints yet.',
    url: 'URL (https)',
    description: 'Description',
    events: 'Events',
    register: 'Register endpoint',
    registered: 'The endpoint is registered. Store the secret now – it is shown only once:',
    status: 'Status',
    deliveries: 'Deliveries',
    showLog: 'Show delivery log',
    attempts: 'Attempts',
    code: 'Response code',
    latency: 'Latency',
    created: 'Created',
    replay: 'Send again',
    replayed: 'The delivery is sent again.',
    clients: 'Machine clients (OAuth2 client credentials)',
    clientsIntro: 'A client acts for one authority with the chosen scopes; its actions are audited in its name.',
    clientName: 'Name',
    authorityId: 'Authority id (uuid)',
    scopes: 'Scopes',
    createClient: 'Create client',
    clientCreated: 'The client is created. Store the client id and secret now:',
    revoke: 'Revoke',
    rotate: 'New secret',
    revoked: 'Revoked',
    active: 'Active',
    disabled: 'Disabled',
  },
} satisfies Record<Lang, Record<string, string>>;

type Endpoint = { id: string; url: string; description: string; eventTypes: string[]; status: 'active' | 'disabled'; disabledReason: string | null; createdAt: string };
type Delivery = { id: string; eventType: string; status: string; attempts: number; lastStatusCode: number | null; lastLatencyMs: number | null; createdAt: string };
type Client = { id: string; clientId: string; name: string; authorityCode: string; scopes: string[]; revokedAt: string | null };

function DeliveryLog({ endpoint, token, x }: { endpoint: Endpoint; token: string; x: (typeof TEXT)['da'] }) {
  const { lang } = useI18n();
  const load = useLoad((signal) => apiRequest<{ items: Delivery[] }>(`/webhooks/endpoints/${endpoint.id}/deliveries?pageSize=20`, { token, signal }), [endpoint.id]);
  const { message, act } = useStatusAction(() => load.reload());
  const replay = (d: Delivery) =>
    act(async () => {
      await apiRequest(`/webhooks/endpoints/${endpoint.id}/deliveries/${d.id}/replay`, { token, method: 'POST', body: {} });
      return x.replayed;
    });
  return (
    <>
      <StatusMessage message={message} />
      <LoadedTable
        load={load}
        caption={x.deliveries}
        captionVisible
        compact
        zebra={false}
        testId={`deliveries-${endpoint.id}`}
        rowKey={(d) => d.id}
        columns={[
          { header: x.events, cell: (d) => d.eventType },
          { header: x.status, cell: (d) => d.status },
          { header: x.attempts, cell: (d) => d.attempts },
          { header: x.code, cell: (d) => d.lastStatusCode ?? '–' },
          { header: x.latency, cell: (d) => (d.lastLatencyMs === null ? '–' : `${d.lastLatencyMs} ms`) },
          { header: x.created, cell: (d) => fmtDateTime(lang, d.createdAt) },
          {
            header: <span className="sr-only">{x.replay}</span>,
            cell: (d) =>
              d.status === 'dead' || d.status === 'cancelled' ? (
                <button type="button" className="button button-tertiary" onClick={() => void replay(d)}>
                  {x.replay}
                </button>
              ) : null,
          },
        ]}
      />
    </>
  );
}

function Webhooks({ session, x }: { session: Session; x: (typeof TEXT)['da'] }) {
  const token = session.accessToken;
  const types = useLoad((signal) => apiRequest<{ items: string[] }>('/webhooks/event-types', { token, signal }), []);
  const endpoints = useLoad((signal) => apiRequest<{ items: Endpoint[] }>('/webhooks/endpoints', { token, signal }), []);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const { message, act } = useStatusAction(() => endpoints.reload());
  const [open, setOpen] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const created = await apiRequest<Endpoint & { secret: string }>('/webhooks/endpoints', { token, body: { url, description, eventTypes: chosen } });
      setUrl('');
      setDescription('');
      return `${x.registered} ${created.secret}`;
    });
  };

  return (
    <section aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading">{x.endpoints}</h2>
      <Loadable load={endpoints}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{x.none}</p>
          ) : (
            <ul className="nobullet-list" data-testid="webhook-endpoints">
              {page.items.map((ep) => (
                <li key={ep.id} data-url={ep.url}>
                  <p>
                    <strong>{ep.url}</strong> – {ep.status === 'active' ? x.active : `${x.disabled}${ep.disabledReason ? ` (${ep.disabledReason})` : ''}`}
                    <br />
                    {ep.eventTypes.join(', ')}
                  </p>
                  <button type="button" className="button button-secondary" aria-expanded={open === ep.id} onClick={() => setOpen(open === ep.id ? null : ep.id)}>
                    {x.showLog}
                  </button>
                  {open === ep.id ? <DeliveryLog endpoint={ep} token={token} x={x} /> : null}
                </li>
              ))}
            </ul>
          )
        }
      </Loadable>
      <StatusMessage message={message} />
      <form onSubmit={(e) => void submit(e)} data-testid="webhook-form">
        <div className="form-group">
          <label className="form-label" htmlFor="webhook-url">
            {x.url}
          </label>
          <input id="webhook-url" className="form-input" type="url" required maxLength={2048} value={url} onChange={(e) => setUrl(e.target.value)} />
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="webhook-description">
            {x.description}
          </label>
          <input id="webhook-description" className="form-input" maxLength={500} value={description} onChange={(e) => setDescription(e.target.value)} />
        </div>
        <fieldset>
          <legend className="form-label">{x.events}</legend>
          <Loadable load={types}>
            {(list) => (
              <ul className="nobullet-list">
                {list.items.map((type) => (
                  <li key={type}>
                    <input
                      id={`evt-${type}`}
                      type="checkbox"
                      className="form-checkbox"
                      checked={chosen.includes(type)}
                      onChange={(e) => setChosen(e.target.checked ? [...chosen, type] : chosen.filter((c) => c !== type))}
                    />
                    <label htmlFor={`evt-${type}`}>{type}</label>
                  </li>
                ))}
              </ul>
            )}
          </Loadable>
        </fieldset>
        <button type="submit" className="button button-primary" disabled={chosen.length === 0 || url === ''}>
          {x.register}
        </button>
      </form>
    </section>
  );
}

function MachineClients({ session, x }: { session: Session; x: (typeof TEXT)['da'] }) {
  const token = session.accessToken;
  const clients = useLoad((signal) => apiRequest<{ items: Client[] }>('/admin/machine-clients', { token, signal }), []);
  const [name, setName] = useState('');
  const [authorityId, setAuthorityId] = useState('');
  const [scopes, setScopes] = useState<string[]>(['permits:read']);
  const { message, act } = useStatusAction(() => clients.reload());
  return (
    <section aria-labelledby="clients-heading">
      <h2 id="clients-heading">{x.clients}</h2>
      <p>{x.clientsIntro}</p>
      <StatusMessage message={message} />
      <LoadedTable
        load={clients}
        caption={x.clients}
        captionVisible
        testId="machine-clients"
        rowKey={(c) => c.id}
        columns={[
          { header: x.clientName, rowHeader: true, cell: (c) => `${c.name} (${c.authorityCode})` },
          { header: 'client_id', cell: (c) => c.clientId },
          { header: x.scopes, cell: (c) => c.scopes.join(' ') },
          { header: x.status, cell: (c) => (c.revokedAt ? x.revoked : x.active) },
          {
            header: <span className="sr-only">{x.revoke}</span>,
            cell: (c) =>
              c.revokedAt ? null : (
                <>
                  <button type="button" className="button button-tertiary" onClick={() => void act(async () => `${x.clientCreated} ${(await apiRequest<{ clientSecret: string }>(`/admin/machine-clients/${c.id}/rotate-secret`, { token, body: {} })).clientSecret}`)}>
                    {x.rotate}
                  </button>{' '}
                  <button type="button" className="button button-tertiary" onClick={() => void act(async () => (await apiRequest(`/admin/machine-clients/${c.id}/revoke`, { token, method: 'POST', body: {} }), x.revoked))}>
                    {x.revoke}
                  </button>
                </>
              ),
          },
        ]}
      />
      <form
        data-testid="client-form"
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            const c = await apiRequest<{ clientId: string; clientSecret: string }>('/admin/machine-clients', { token, body: { name, authorityId, scopes } });
            return `${x.clientCreated} ${c.clientId} / ${c.clientSecret}`;
          });
        }}
      >
        <div className="form-group">
          <label className="form-label" htmlFor="client-name">
            {x.clientName}
          </label>
          <input id="client-name" className="form-input" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="client-authority">
            {x.authorityId}
          </label>
          <input id="client-authority" className="form-input" required value={authorityId} onChange={(e) => setAuthorityId(e.target.value)} />
        </div>
        <fieldset>
          <legend className="form-label">{x.scopes}</legend>
          <ul className="nobullet-list">
            {['permits:read', 'permits:act', 'documents:write'].map((s) => (
              <li key={s}>
                <input id={`scope-${s}`} type="checkbox" className="form-checkbox" checked={scopes.includes(s)} onChange={(e) => setScopes(e.target.checked ? [...scopes, s] : scopes.filter((v) => v !== s))} />
                <label htmlFor={`scope-${s}`}>{s}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <button type="submit" className="button button-primary" disabled={scopes.length === 0}>
          {x.createClient}
        </button>
      </form>
    </section>
  );
}

/** `#/integrations`: webhook endpoints (caseworker: the authority's; applicant: the company's; admin: all) and, for admins, machine clients. */
export function IntegrationsPage({ session, focusHeading }: { session: Session; focusHeading?: boolean }) {
  const { x } = useTexts(TEXT);
  return (
    <>
      <PageHeading focus={focusHeading}>{x.title}</PageHeading>
      <p className="font-lead">{x.intro}</p>
      {session.role === 'caseworker' || session.role === 'applicant' || session.role === 'admin' ? <Webhooks session={session} x={x} /> : null}
      {session.role === 'admin' ? <MachineClients session={session} x={x} /> : null}
    </>
  );
}
