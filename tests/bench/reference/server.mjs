// The reference for bench:reference: a bare Fastify + pg server that does for each hot endpoint
// what Mend does, and nothing else. Its script (argv[2], written by reference.bench.mjs) holds,
// per route, the statements Mend sent to PostgreSQL for that request, captured on the wire, and
// the answer Mend gave. Per request it:
//   - hashes the session cookie, as Mend's session lookup does, and runs the captured statements
//     in order on one pooled connection, with the same prepared-statement names and values (the
//     session's token hash substituted, and for writes the values the request carries, the
//     draft's own owner, case and counselor in place of the captured ones (in values, inside
//     them and in spliced text), new ids for the rows it inserts, and an audit event of its own as the next link of the clinic's chain; a
//     write whose statements find no row answers 409, as it did less than Mend), through
//     pg as it comes (which asks PostgreSQL to describe a prepared statement's rows on every
//     execution, where Mend's data layer asks once per connection);
//   - does the AES-256-GCM work Mend does on each encrypted value it reads or writes;
//   - builds the answer object and serialises it (parsing Mend's answer stands in for mapping
//     the rows: the same object, built by the cheapest means), and sends it with the headers
//     Mend's answer had (content type, cache rule, security headers).
// Because the statements come from Mend at the start of every run, the reference runs Mend's
// SQL as it is today; the bench checks that both answers are the same bytes.
import Fastify from 'fastify';
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  randomUUID,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';

const script = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const pool = new pg.Pool({ connectionString: script.databaseUrl, max: script.poolSize });
const key = randomBytes(32);

const SESSION_COOKIE = 'mend_session=';
function sessionToken(cookie = '') {
  for (const part of cookie.split(';')) {
    const trimmed = part.trim();
    if (trimmed.startsWith(SESSION_COOKIE)) return trimmed.slice(SESSION_COOKIE.length);
  }
  return undefined;
}

/** Mend's ciphertext format: v1.<key id>.<iv>.<tag>.<body>, base64url. */
const isCiphertext = (value) =>
  typeof value === 'string' && /^v1\.[^.]+\.[^.]+\.[^.]+\.[^.]*$/.test(value);

function encrypt(plaintext) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    'v1',
    'ref',
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    body.toString('base64url'),
  ].join('.');
}

/**
 * The decryption work for a value Mend decrypts. The reference's key is not Mend's, so the
 * authentication check at the end fails: the work up to it (all of it) is done the same way.
 */
function decryptWork(value) {
  const [, , iv, tag, body] = value.split('.');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  decipher.update(Buffer.from(body, 'base64url'));
  try {
    decipher.final();
  } catch {
    /* expected: another key */
  }
}

const app = Fastify({ bodyLimit: 256 * 1024 });

for (const route of script.routes) {
  const chain = auditChain(route.statements);
  app.route({
    method: route.method,
    url: route.url,
    handler: async (request, reply) => {
      const token = sessionToken(request.headers.cookie);
      if (!token) return reply.code(401).send({ message: 'Please sign in.' });
      const tokenHash = createHash('sha256').update(token).digest('hex');
      const substitute = route.substitute ? substitutions(route, request) : new Map();
      const client = await pool.connect();
      let head;
      try {
        for (const [i, statement] of route.statements.entries()) {
          const values = statement.values.map((v) =>
            v === route.tokenHash ? tokenHash : rewritten(v, substitute),
          );
          if (chain?.insert === i) chain.link(values, head);
          // A named statement's text is fixed; an unnamed one may carry values spliced in
          // (the transaction's settings name the caller).
          const text = statement.name ? statement.text : rewritten(statement.text, substitute);
          const result = await client.query(
            statement.name
              ? { name: statement.name, text, values }
              : values.length > 0
                ? { text, values }
                : text,
          );
          if (i === 0 && result.rows.length === 0) {
            return reply.code(401).send({ message: 'Your session has ended.' });
          }
          if (chain?.head === i) head = result.rows[0];
          // A write that changed nothing did less than Mend: say so.
          if (route.substitute && missed(result)) {
            await client.query('ROLLBACK');
            return reply.code(409).send({ message: `Statement ${i} found no row.` });
          }
          for (const row of result.rows ?? [])
            for (const value of Object.values(row)) if (isCiphertext(value)) decryptWork(value);
        }
      } finally {
        client.release();
      }
      const answer = JSON.parse(route.body);
      if (route.substitute)
        for (const [field, from] of Object.entries(route.substitute.answer ?? {}))
          if (field in answer)
            answer[field] =
              from === 'version+1'
                ? Number(request.body.version) + 1
                : from === 'now'
                  ? new Date().toISOString()
                  : answer[field];
      return reply.code(route.status).headers(route.headers).send(JSON.stringify(answer));
    },
  });
}

/**
 * For a write, the captured values that came from the captured request, mapped to this
 * request's: its expected version, the next version (also as an audit event's detail), its id,
 * its draft's owner, case and counselor, new ids for the rows it inserts, and its freshly
 * encrypted text (`sealed`: the body's field).
 */
function substitutions(route, request) {
  const s = route.substitute;
  const map = new Map();
  const version = Number(request.body.version);
  const draft = s.drafts[request.params.id];
  map.set(String(s.version), String(version));
  map.set(String(s.version + 1), String(version + 1));
  // An audit event's details: as JSON, and quoted within an array literal (one per event).
  map.set(`"version":${s.version + 1}`, `"version":${version + 1}`);
  map.set(`\\"version\\":${s.version + 1}`, `\\"version\\":${version + 1}`);
  map.set(s.id, request.params.id);
  map.set(s.userId, draft.userId);
  map.set(s.caseId, draft.caseId);
  if (s.counselorId) map.set(s.counselorId, draft.counselorId);
  // The rows a request inserts (a submit's scores, a counselor's notice) are new rows.
  for (const id of s.fresh) map.set(id, randomUUID());
  for (const cipher of s.ciphertexts)
    map.set(cipher, encrypt(JSON.stringify(request.body[s.sealed])));
  // The ones that can also sit inside a value, picked out once for the request.
  map.inner = [...map].filter(([from]) => UUID.test(from) || /^\\?"version/.test(from));
  return map;
}

/**
 * A captured value (or an unnamed statement's text) for this request: replaced whole if it is
 * one of the captured values, else with the captured ids and audit details inside it replaced
 * (an array of ids, an event's details, the settings spliced into the opening).
 */
function rewritten(value, substitute) {
  if (substitute.has(value)) return substitute.get(value);
  if (typeof value !== 'string') return value;
  let out = value;
  for (const [from, to] of substitute.inner ?? [])
    if (out.includes(from)) out = out.replaceAll(from, to);
  return out;
}

/**
 * Mend's audit trail, where a write records an event: the statement that locks and reads the
 * clinic's chain head, and the insert of the next link. Each request's link is its own: a new
 * id, the next position after the head it read, the head's hash as the previous one, and a
 * keyed hash of its values (the reference's key, the same work as Mend's seal). The insert
 * binds one array a column (here of one event), in the order its column list names them.
 */
function auditChain(statements) {
  const head = statements.findIndex((s) => s.text.includes('mend_audit_head('));
  const insert = statements.findIndex((s) => s.text.startsWith('INSERT INTO audit_events'));
  if (head < 0 || insert < 0) return null;
  const names = /\(([^)]*)\)/
    .exec(statements[insert].text)[1]
    .split(',')
    .map((c) => c.trim());
  const [id, position, prevHash, hash] = ['id', 'position', 'prev_hash', 'hash'].map((name) =>
    names.indexOf(name),
  );
  const array = (value) => `{${value}}`;
  return {
    head,
    insert,
    link(values, row) {
      values[id] = array(randomUUID());
      values[position] = array(String(BigInt(row.position) + 1n));
      values[prevHash] = array(row.hash);
      values[hash] = array(createHmac('sha256', key).update(JSON.stringify(values)).digest('hex'));
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * An UPDATE that changed no row: the request's draft was not found (or not visible to it), so
 * the write did less than Mend's. (A read may rightly find nothing: a response with no feedback.)
 */
const missed = (result) =>
  !Array.isArray(result) && result.command === 'UPDATE' && result.rowCount === 0;

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log(`reference listening on ${process.env.PORT}`);
