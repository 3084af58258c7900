import type { FieldError } from '../../../core/errors/domain.exception';
import { isSurelyAfter, parseOffsetTime } from '../../../core/http/timestamps';
import { Text } from '../../../core/i18n/text';
import { SIGNAL_TYPES, SignalType } from '../signal.entity';
import { signalMessages } from '../signals.exception';

export const MAX_SIGNALS_PER_BATCH = 10_000;
export const MAX_SIGNAL_COUNT = 1_000_000;
export const MAX_PHONE_LENGTH = 40;
/** How far `at` may lie ahead of the server's clock: integrators' clocks drift. */
export const FUTURE_TOLERANCE_MINUTES = 5;

/** A signal that passed the checks; exactly one of customerId and phone is set. */
export interface ReceivedSignal {
  customerId: string | null;
  /** As the integrator sent it; normalised (or found unparseable) when matched. */
  phone: string | null;
  type: SignalType;
  count: number;
  /** As sent: ISO-8601 with an offset, which PostgreSQL reads as it is. */
  at: string;
}

export type BatchCheck =
  { ok: true; signals: ReceivedSignal[] } | { ok: false; errors: FieldError[] };

const SIGNAL_FIELDS = new Set(['customerId', 'phone', 'type', 'count', 'at']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TYPE_LIST = SIGNAL_TYPES.join(', ');

/**
 * Checks a `POST /signals` body by hand: class-validator took 0.15–0.45 s
 * per 10,000 items here, as long as the insert itself (see docs/performance.md). Like the
 * validation pipe, it rejects unknown fields and names every bad field at
 * once, as `signals[i].field`.
 */
export function checkSignalBatch(body: unknown, now: Date): BatchCheck {
  const errors: FieldError[] = [];
  const record = isPlainObject(body) ? body : {};
  for (const key of Object.keys(record)) {
    if (key !== 'signals') errors.push(unknownField(key, key));
  }
  const items = record.signals;
  if (!Array.isArray(items)) errors.push({ field: 'signals', message: signalMessages.notArray });
  else if (items.length < 1 || items.length > MAX_SIGNALS_PER_BATCH)
    errors.push({
      field: 'signals',
      message: signalMessages.batchSize(MAX_SIGNALS_PER_BATCH, items.length),
    });
  if (errors.length) return { ok: false, errors };
  const latest = now.getTime() + FUTURE_TOLERANCE_MINUTES * 60_000;
  const signals = (items as unknown[]).map((item, index) =>
    checkSignal(item, `signals[${index}]`, latest, errors),
  );
  return errors.length ? { ok: false, errors } : { ok: true, signals: signals as ReceivedSignal[] };
}

/** Pushes this item's problems to `errors`; returns the signal if it has none. */
function checkSignal(
  item: unknown,
  path: string,
  latestAt: number,
  errors: FieldError[],
): ReceivedSignal | undefined {
  if (!isPlainObject(item)) {
    errors.push({ field: path, message: signalMessages.notObject });
    return undefined;
  }
  const before = errors.length;
  const error = (field: string, message: Text) =>
    errors.push({ field: `${path}.${field}`, message });
  for (const key of Object.keys(item)) {
    if (!SIGNAL_FIELDS.has(key)) errors.push(unknownField(`${path}.${key}`, key));
  }
  const customerId = absentAsNull(item.customerId);
  const phone = absentAsNull(item.phone);
  if ((customerId === null) === (phone === null))
    errors.push({ field: path, message: signalMessages.customerOrPhone });
  if (customerId !== null && !(typeof customerId === 'string' && UUID.test(customerId)))
    error('customerId', signalMessages.customerIdUuid);
  if (phone !== null && !isPhoneText(phone))
    error('phone', signalMessages.phoneText(MAX_PHONE_LENGTH));
  if (!SIGNAL_TYPES.includes(item.type as SignalType))
    error('type', signalMessages.type(TYPE_LIST));
  const count = absentAsNull(item.count) ?? 1;
  if (!isCount(count)) error('count', signalMessages.count(MAX_SIGNAL_COUNT));
  if (isSurelyAfter(item.at, latestAt))
    error('at', signalMessages.atInFuture(FUTURE_TOLERANCE_MINUTES));
  else if (parseOffsetTime(item.at) === undefined) error('at', signalMessages.at);
  if (errors.length > before) return undefined;
  return {
    customerId: customerId as string | null,
    phone: phone as string | null,
    type: item.type as SignalType,
    count: count as number,
    at: item.at as string,
  };
}

/** A member that is missing or null is absent, as @IsOptional() has it elsewhere in the API. */
const absentAsNull = (value: unknown): unknown => value ?? null;

const isCount = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_SIGNAL_COUNT;

const isPhoneText = (value: unknown): boolean =>
  typeof value === 'string' && value.length >= 1 && value.length <= MAX_PHONE_LENGTH;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The validation pipe's wording, so clients see one message for an unknown field. */
const unknownField = (field: string, key: string): FieldError => ({
  field,
  message: signalMessages.unknownField(key),
});
