import { DomainException, DomainExceptionOptions, ErrorKind } from '../../errors/domain.exception';
import type { Text } from '../../i18n/text';
import { UnsupportedFileException } from '../imports.exception';
import type { SheetFormat } from './file-format';
import type { ColumnLayout } from '../header-mapping';

/**
 * How a sheet thread and the thread that started it talk. The starter sends
 * `open` with the file; the sheet thread opens the sheet and answers `opened`
 * with its header; once the starter has checked the columns it sends `stage`,
 * and the sheet thread sends its batches, then `end`, or `failed` at any point.
 *
 * An import runs two sheet threads, so that reading and formatting run side by
 * side: the reader (csv-parse or exceljs) sends the sheet's rows to the
 * formatter (staging-records.thread), which validates them with the
 * importer's row formatter (StagingPlan) and sends COPY records of the
 * importer's staging table to the main thread.
 */
export interface OpenRequest {
  type: 'open';
  path: string;
}

/**
 * How the formatter turns a sheet row into a COPY record of an importer's
 * staging table: `formatter` is the path of a module (its `__filename`, so
 * the build's .js or the .ts source under ts-node) that exports `stagingRecord(row, layout, options): string`, given the
 * layout and the options (plain, cloneable data) of this import.
 */
export interface StagingPlan {
  formatter: string;
  layout: ColumnLayout;
  options: unknown;
}

/** The columns are checked: send the batches. The plan is the formatter's; the reader needs none. */
export interface StageRequest extends StagingPlan {
  type: 'stage';
}

/** The starter has taken one batch, so the sheet thread may send another. */
export interface BatchTaken {
  type: 'taken';
}

export type ToSheetThread = OpenRequest | StageRequest | BatchTaken;

export type FromSheetThread<Batch> =
  | { type: 'opened'; format: SheetFormat; headers: string[] }
  | { type: 'batch'; batch: Batch }
  | { type: 'end' }
  | { type: 'failed'; error: SerializedError };

/** The formatter's batches: COPY records of the staging table in UTF-8, and how many sheet rows they hold. */
export interface StagingRecords {
  text: Uint8Array;
  rows: number;
}

/**
 * How many batches may wait untaken. A sheet thread stops once this many
 * wait, so a slow database holds the reading back, and memory stays bounded by
 * a few batches whatever the file's size.
 */
export const MAX_BATCHES_IN_FLIGHT = 4;

/**
 * An error as it crosses the thread boundary. Structured cloning keeps only an
 * Error's message and stack, so a domain exception travels as its parts and is
 * rebuilt with its class; any other error keeps its system details for the log.
 */
export type SerializedError =
  | {
      domain: true;
      name: string;
      kind: ErrorKind;
      code: string;
      detail: Text;
      options: DomainExceptionOptions;
    }
  | {
      domain: false;
      name: string;
      message: string;
      stack?: string;
      system: Partial<Record<SystemDetail, string | number>>;
    };

/** What Node's system errors (ENOENT and the like) carry beside their message. */
const SYSTEM_DETAILS = ['code', 'errno', 'syscall', 'path'] as const;
type SystemDetail = (typeof SYSTEM_DETAILS)[number];

/** The domain exceptions a sheet thread throws, rebuilt as themselves; any other becomes a DomainException of the same kind and code. */
const DOMAIN_EXCEPTIONS = new Map<string, new (...args: never[]) => DomainException>(
  [UnsupportedFileException].map((type) => [type.name, type]),
);

export function serializeError(error: unknown): SerializedError {
  if (error instanceof DomainException) {
    const { name, kind, code, detail, options } = error;
    return { domain: true, name, kind, code, detail, options };
  }
  if (!(error instanceof Error)) {
    return { domain: false, name: 'Error', message: String(error), system: {} };
  }
  const details = error as Error & Partial<Record<SystemDetail, unknown>>;
  const system: Partial<Record<SystemDetail, string | number>> = {};
  for (const key of SYSTEM_DETAILS) {
    const value = details[key];
    if (typeof value === 'string' || typeof value === 'number') system[key] = value;
  }
  return { domain: false, name: error.name, message: error.message, stack: error.stack, system };
}

export function deserializeError(serialized: SerializedError): Error {
  if (serialized.domain) {
    const { name, kind, code, detail, options } = serialized;
    // The base constructor takes the parts as they are; the class gives the prototype.
    const rebuilt = Reflect.construct(
      DomainException,
      [kind, code, detail, options],
      DOMAIN_EXCEPTIONS.get(name) ?? DomainException,
    );
    rebuilt.name = name;
    return rebuilt;
  }
  const error = Object.assign(new Error(serialized.message), serialized.system);
  error.name = serialized.name;
  if (serialized.stack) error.stack = serialized.stack;
  return error;
}
