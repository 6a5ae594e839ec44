import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { queryRows, sql } from '@rl/db';
import { audit } from '../admin-users/directory-admin';
import type { Principal } from '../auth';
import { MACHINE_SCOPES, MACHINE_USERNAME_PREFIX, type MachineScope } from '../auth/principal';
import { TokenService } from '../auth/token.service';
import { ApiError } from '../common/problem';
import { hashClientSecret, newClientId, newClientSecret, verifyClientSecret } from './client-secret';
import type { CreateMachineClientDto, MachineClientDto, MachineClientWithSecretDto, RotateClientSecretDto, TokenResponseDto } from './machine-clients.dto';
import { UUID } from '../common/uuid';

export class MachineClientNotFoundError extends ApiError {
  constructor(id: string) {
    super('CLIENT.NOT_FOUND', `Machine client ${id} not found.`, { clientId: id });
  }
}

const CLIENT_ROW = z.object({
  id: z.string(),
  client_id: z.string(),
  name: z.string(),
  authority_id: z.string(),
  authority_code: z.string(),
  user_id: z.string(),
  scopes: z.array(z.string()),
  secret_hash: z.string(),
  previous_secret_hash: z.string().nullable(),
  previous_secret_expires_at: z.coerce.date().nullable(),
  created_at: z.coerce.date(),
  revoked_at: z.coerce.date().nullable(),
});
type ClientRow = z.infer<typeof CLIENT_ROW>;
const ID_ROW = z.object({ id: z.string() });
const AUTHORITY_ROW = z.object({ id: z.string(), code: z.string(), name_da: z.string() });

const SELECT = sql`SELECT m.*, a.code AS authority_code FROM machine_clients m JOIN authorities a ON a.id = m.authority_id`;

function toDto(r: ClientRow): MachineClientDto {
  return {
    id: r.id,
    clientId: r.client_id,
    name: r.name,
    authorityId: r.authority_id,
    authorityCode: r.authority_code,
    scopes: r.scopes as MachineScope[],
    userId: r.user_id,
    createdAt: r.created_at.toISOString(),
    previousSecretExpiresAt: r.previous_secret_expires_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  };
}

const invalidClient = () => new ApiError('OAUTH.INVALID_CLIENT', 'Client authentication failed.', { error: 'invalid_client' });

/**
 * Machine clients (issue 18 item 2): admins create, rotate and revoke them (audited in
 * directory_audit); the token endpoint exchanges client credentials for a short-lived JWT.
 */
@Injectable()
export class MachineClientsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tokens: TokenService,
  ) {}

  async list(): Promise<MachineClientDto[]> {
    return (await queryRows(this.ds, CLIENT_ROW, sql`${SELECT} ORDER BY m.created_at, m.id`)).map(toDto);
  }

  private async load(id: string): Promise<ClientRow> {
    if (!UUID.test(id)) throw new MachineClientNotFoundError(id);
    const [row] = await queryRows(this.ds, CLIENT_ROW, sql`${SELECT} WHERE m.id = ${id}`);
    if (!row) throw new MachineClientNotFoundError(id);
    return row;
  }

  async get(id: string): Promise<MachineClientDto> {
    return toDto(await this.load(id));
  }

  /** The client and its service user (a caseworker of the authority) in one transaction, audited. */
  async create(admin: Principal, dto: CreateMachineClientDto): Promise<MachineClientWithSecretDto> {
    const [authority] = await queryRows(this.ds, AUTHORITY_ROW, sql`SELECT id, code, name_da FROM authorities WHERE id = ${dto.authorityId}`);
    if (!authority) throw new ApiError('REQUEST.VALIDATION_FAILED', 'No such authority.', { errors: [{ field: 'authorityId', code: 'UNKNOWN_AUTHORITY', message: 'no such authority' }] });
    const clientId = newClientId();
    const clientSecret = newClientSecret();
    const secretHash = await hashClientSecret(clientSecret);
    const scopes = MACHINE_SCOPES.filter((s) => dto.scopes.includes(s));
    const id = await this.ds.transaction(async (m) => {
      const [user] = await queryRows(
        m,
        ID_ROW,
        sql`INSERT INTO users (username, display_name, email, role, authority_id, locale)
            VALUES (${MACHINE_USERNAME_PREFIX + clientId}, ${`${dto.name} (system for ${authority.name_da})`}, '', 'caseworker', ${authority.id}, 'da') RETURNING id`,
      );
      const [client] = await queryRows(
        m,
        ID_ROW,
        sql`INSERT INTO machine_clients (client_id, name, authority_id, user_id, scopes, secret_hash, created_by)
            VALUES (${clientId}, ${dto.name}, ${authority.id}, ${user.id}, ${scopes}::text[], ${secretHash}, ${admin.userId}) RETURNING id`,
      );
      await audit(m, { kind: 'admin', userId: admin.userId }, 'client.created', user.id, { clientId, name: dto.name, authority: authority.code, scopes });
      return client.id;
    });
    return { ...(await this.get(id)), clientSecret };
  }

  async rotate(admin: Principal, id: string, dto: RotateClientSecretDto): Promise<MachineClientWithSecretDto> {
    const current = await this.load(id);
    if (current.revoked_at) throw new MachineClientNotFoundError(id);
    const clientSecret = newClientSecret();
    const secretHash = await hashClientSecret(clientSecret);
    const grace = dto.graceSeconds ?? 86_400;
    await this.ds.transaction(async (m) => {
      await m.query(
        `UPDATE machine_clients SET previous_secret_hash = secret_hash, previous_secret_expires_at = now() + make_interval(secs => $2), secret_hash = $3,
                updated_at = now(), version = version + 1 WHERE id = $1`,
        [id, grace, secretHash],
      );
      await audit(m, { kind: 'admin', userId: admin.userId }, 'client.secretRotated', current.user_id, { clientId: current.client_id, graceSeconds: grace });
    });
    return { ...(await this.get(id)), clientSecret };
  }

  /** Revoked: no new tokens, and tokens already issued stop working at once (the guard checks). */
  async revoke(admin: Principal, id: string): Promise<MachineClientDto> {
    const current = await this.load(id);
    if (!current.revoked_at) {
      await this.ds.transaction(async (m) => {
        await m.query(`UPDATE machine_clients SET revoked_at = now(), updated_at = now(), version = version + 1 WHERE id = $1`, [id]);
        await audit(m, { kind: 'admin', userId: admin.userId }, 'client.revoked', current.user_id, { clientId: current.client_id });
      });
    }
    return this.get(id);
  }

  /** RFC 6749 §4.4: client credentials → access token. Every authentication failure looks the same. */
  async token(clientId: string, clientSecret: string, requested: string | undefined): Promise<TokenResponseDto> {
    const [row] = await queryRows(this.ds, CLIENT_ROW, sql`${SELECT} WHERE m.client_id = ${clientId} AND m.revoked_at IS NULL`);
    if (!row) throw invalidClient();
    const ok =
      (await verifyClientSecret(clientSecret, row.secret_hash)) ||
      (row.previous_secret_hash !== null && row.previous_secret_expires_at !== null && row.previous_secret_expires_at > new Date() && (await verifyClientSecret(clientSecret, row.previous_secret_hash)));
    if (!ok) throw invalidClient();
    const wanted = requested === undefined || requested.trim() === '' ? row.scopes : requested.trim().split(/\s+/);
    const unknown = wanted.filter((s) => !row.scopes.includes(s));
    if (unknown.length > 0) throw new ApiError('OAUTH.INVALID_SCOPE', `The client may not have: ${unknown.join(' ')}.`, { error: 'invalid_scope' });
    const scopes = MACHINE_SCOPES.filter((s) => wanted.includes(s));
    const { accessToken, expiresIn } = await this.tokens.issueClientToken(row.user_id, row.client_id, scopes);
    return { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn, scope: scopes.join(' ') };
  }
}
