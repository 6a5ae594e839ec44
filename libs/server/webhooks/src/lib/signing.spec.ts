import { Webhook } from 'standardwebhooks';
import { cloudEventOf, newWebhookSecret, signDelivery } from './signing';

const event = cloudEventOf(
  { outboxId: '42', type: 'permit.routed', caseId: '11111111-1111-4111-8111-111111111111', authorityId: null, permitId: null, at: '2026-03-02T09:00:00.000Z', occurredAt: new Date(), data: { a: 1 } },
  'https://rl.example.dk/api/v1/',
);

describe('webhook signing', () => {
  it('builds a CloudEvents 1.0 event with the outbox id', () => {
    expect(event).toMatchObject({ specversion: '1.0', id: 'rl-42', type: 'dk.roedloeber.permit.routed', source: 'https://rl.example.dk/api/v1/cases/11111111-1111-4111-8111-111111111111', data: { a: 1 } });
  });

  it('signs so that a receiver holding either secret of a rotation verifies', () => {
    const [oldSecret, newSecret, other] = [newWebhookSecret(), newWebhookSecret(), newWebhookSecret()];
    const at = new Date();
    const req = signDelivery('d-1', event, [newSecret, oldSecret], at);
    expect(req.headers['webhook-id']).toBe('d-1');
    expect(JSON.parse(req.body)).toMatchObject({ id: 'rl-42' });
    for (const s of [oldSecret, newSecret]) expect(new Webhook(s).verify(req.body, req.headers)).toMatchObject({ id: 'rl-42' });
    expect(() => new Webhook(other).verify(req.body, req.headers)).toThrow();
  });
});
