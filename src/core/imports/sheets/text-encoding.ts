import { isUtf8 } from 'node:buffer';
import { Text } from '../../i18n/text';
import { sharedImportMessages as importMessages } from '../imports.exception';

/** The text encodings a CSV may come in: UTF-8 (Excel's "CSV UTF-8", BOM or not) or GB18030, as Excel writes on Chinese Windows. */
export type TextEncoding = 'utf8' | 'gb18030';

export type EncodingDetection = { encoding: TextEncoding } | { encoding: null; reason: Text };

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** More control characters than this share of the sample (tab, CR and LF aside) means binary. */
const MAX_CONTROL_SHARE = 0.01;

/**
 * Decides how to decode a CSV from its first bytes. UTF-8 is tried first: GBK
 * text is practically never valid UTF-8, while ASCII is both. GB18030 (a GBK
 * superset) is accepted only if the bytes follow its structure, so binary
 * garbage is refused here rather than decoded into nonsense.
 *
 * `complete` says whether `sample` is the whole file; if not, a multi-byte
 * character cut at the end of the sample is not an error.
 */
export function detectTextEncoding(sample: Buffer, complete: boolean): EncodingDetection {
  if (looksBinary(sample)) return { encoding: null, reason: importMessages.binary };
  const hasBom = sample.subarray(0, 3).equals(UTF8_BOM);
  if (isUtf8(complete ? sample : sample.subarray(0, completeUtf8Length(sample)))) {
    return { encoding: 'utf8' };
  }
  if (hasBom) {
    return { encoding: null, reason: importMessages.badBom };
  }
  if (isGb18030(sample, complete)) return { encoding: 'gb18030' };
  return { encoding: null, reason: importMessages.unknownEncoding };
}

function looksBinary(sample: Buffer): boolean {
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) controls++;
  }
  return controls > sample.length * MAX_CONTROL_SHARE;
}

/**
 * How many leading bytes hold whole UTF-8 characters: all of them, unless the
 * buffer ends inside a multi-byte character (a chunk or sample boundary).
 */
export function completeUtf8Length(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if (byte < 0x80) return bytes.length;
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return back < length ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}

/**
 * GB18030 structure: ASCII; two bytes 81–FE then 40–7E or 80–FE; or four bytes
 * 81–FE, 30–39, 81–FE, 30–39.
 */
function isGb18030(sample: Buffer, complete: boolean): boolean {
  const lead = (byte: number) => byte >= 0x81 && byte <= 0xfe;
  const digit = (byte: number) => byte >= 0x30 && byte <= 0x39;
  const trail = (byte: number) => (byte >= 0x40 && byte <= 0x7e) || (byte >= 0x80 && byte <= 0xfe);
  let i = 0;
  while (i < sample.length) {
    const byte = sample[i];
    if (byte < 0x80) {
      i += 1;
      continue;
    }
    if (!lead(byte)) return false;
    const width = digit(sample[i + 1]) ? 4 : 2;
    if (i + width > sample.length) return !complete;
    const valid = width === 2 ? trail(sample[i + 1]) : lead(sample[i + 2]) && digit(sample[i + 3]);
    if (!valid) return false;
    i += width;
  }
  return true;
}
