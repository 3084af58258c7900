import { Text } from '../../../core/i18n/text';
import { attachmentMessages } from '../attachments.exception';

/**
 * The file types reps actually send, and how to tell them from their bytes.
 * The client's declared type and the file name are claims; the content
 * decides, and a claim that contradicts it is refused.
 */

interface TypeRule {
  /** File name extensions of the type, lower case, without the dot. */
  extensions: readonly string[];
  /** Other Content-Types clients declare for it (browsers and phones differ). */
  aliases: readonly string[];
}

const ACCEPTED = {
  'application/pdf': { extensions: ['pdf'], aliases: [] },
  'image/png': { extensions: ['png'], aliases: [] },
  'image/jpeg': { extensions: ['jpg', 'jpeg'], aliases: ['image/jpg', 'image/pjpeg'] },
  'image/webp': { extensions: ['webp'], aliases: [] },
  'image/gif': { extensions: ['gif'], aliases: [] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    extensions: ['docx'],
    aliases: [],
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    extensions: ['xlsx'],
    aliases: [],
  },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    extensions: ['pptx'],
    aliases: [],
  },
  'application/msword': { extensions: ['doc'], aliases: [] },
  'application/vnd.ms-excel': { extensions: ['xls'], aliases: [] },
  'text/plain': { extensions: ['txt'], aliases: [] },
  // Windows browsers declare .csv files as Excel's type.
  'text/csv': {
    extensions: ['csv'],
    aliases: ['text/plain', 'application/vnd.ms-excel', 'application/csv', 'text/x-csv'],
  },
  'audio/mpeg': { extensions: ['mp3'], aliases: ['audio/mp3', 'audio/mpeg3', 'audio/x-mpeg-3'] },
  'audio/mp4': { extensions: ['m4a'], aliases: ['audio/x-m4a', 'audio/m4a'] },
  'audio/wav': { extensions: ['wav'], aliases: ['audio/x-wav', 'audio/wave', 'audio/vnd.wave'] },
  'audio/amr': { extensions: ['amr'], aliases: [] },
  'video/mp4': { extensions: ['mp4'], aliases: [] },
} as const satisfies Record<string, TypeRule>;

export type MediaType = keyof typeof ACCEPTED;

export const ACCEPTED_MEDIA_TYPES = Object.keys(ACCEPTED) as MediaType[];

export const ACCEPTED_EXTENSIONS: readonly string[] = Object.values(ACCEPTED).flatMap(
  (rule) => rule.extensions,
);

/** What clients declare when they do not know the type: it claims nothing. */
const UNSPECIFIC_TYPES = ['', 'application/octet-stream', 'binary/octet-stream'];

const ascii = (content: Buffer, start: number, end: number) =>
  content.toString('latin1', start, end);
const startsWith = (content: Buffer, bytes: readonly number[]) =>
  bytes.every((byte, index) => content[index] === byte);
const utf16le = (text: string) => Buffer.from(text, 'utf16le');

/** Office 2007+ files are zips; the part that names the application tells them apart. */
function officeOpenXml(content: Buffer): MediaType[] {
  if (!content.includes('[Content_Types].xml')) return [];
  if (content.includes('word/document.xml'))
    return ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'];
  if (content.includes('xl/workbook.xml'))
    return ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];
  if (content.includes('ppt/presentation.xml'))
    return ['application/vnd.openxmlformats-officedocument.presentationml.presentation'];
  return [];
}

/** Office 97-2003 files are OLE compound files; their main stream's (UTF-16) name tells them apart. */
function officeCompoundFile(content: Buffer): MediaType[] {
  if (content.includes(utf16le('WordDocument'))) return ['application/msword'];
  if (content.includes(utf16le('Workbook')) || content.includes(utf16le('Book')))
    return ['application/vnd.ms-excel'];
  return [];
}

const M4A_BRANDS = ['M4A ', 'M4B '];
const MP4_BRANDS = ['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'mmp4'];

/**
 * ISO media files: an M4A brand is audio; a generic MP4 brand may be either,
 * as many Android recorders write their .m4a voice memos with one.
 */
function isoMedia(content: Buffer): MediaType[] {
  const brand = ascii(content, 8, 12);
  if (M4A_BRANDS.includes(brand)) return ['audio/mp4'];
  if (MP4_BRANDS.includes(brand)) return ['video/mp4', 'audio/mp4'];
  return [];
}

/** An MPEG audio frame header: 11 sync bits, a defined version, layer III. */
function isMp3Frame(content: Buffer): boolean {
  const second = content[1] ?? 0;
  return (
    content[0] === 0xff &&
    (second & 0xe0) === 0xe0 &&
    (second & 0x18) !== 0x08 &&
    (second & 0x06) === 0x02
  );
}

/** Control bytes other than tab, line feed, vertical tab, form feed and carriage return. */
const isBinaryByte = (byte: number) => byte < 0x09 || (byte > 0x0d && byte < 0x20);

function decodes(content: Buffer, encoding: string): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
}

/** Plain text in UTF-8 or, as Chinese Windows saves it, GB18030/GBK. */
function isText(content: Buffer): boolean {
  return !content.some(isBinaryByte) && (decodes(content, 'utf-8') || decodes(content, 'gb18030'));
}

/** Signatures in the order they are tried; text, which has none, comes last. */
const SIGNATURES: readonly {
  matches(content: Buffer): boolean;
  types(content: Buffer): MediaType[];
}[] = [
  { matches: (c) => ascii(c, 0, 5) === '%PDF-', types: () => ['application/pdf'] },
  {
    matches: (c) => startsWith(c, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    types: () => ['image/png'],
  },
  { matches: (c) => startsWith(c, [0xff, 0xd8, 0xff]), types: () => ['image/jpeg'] },
  {
    matches: (c) => ascii(c, 0, 4) === 'RIFF' && ascii(c, 8, 12) === 'WEBP',
    types: () => ['image/webp'],
  },
  { matches: (c) => ['GIF87a', 'GIF89a'].includes(ascii(c, 0, 6)), types: () => ['image/gif'] },
  { matches: (c) => startsWith(c, [0x50, 0x4b, 0x03, 0x04]), types: officeOpenXml },
  {
    matches: (c) => startsWith(c, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    types: officeCompoundFile,
  },
  {
    matches: (c) => ascii(c, 0, 4) === 'RIFF' && ascii(c, 8, 12) === 'WAVE',
    types: () => ['audio/wav'],
  },
  { matches: (c) => /^#!AMR(-WB)?\n/.test(ascii(c, 0, 9)), types: () => ['audio/amr'] },
  { matches: (c) => ascii(c, 4, 8) === 'ftyp', types: isoMedia },
  { matches: (c) => ascii(c, 0, 3) === 'ID3' || isMp3Frame(c), types: () => ['audio/mpeg'] },
  { matches: isText, types: () => ['text/plain', 'text/csv'] },
];

/** The accepted types the content can be, most likely first; none if it is none of them. */
export function sniffMediaTypes(content: Buffer): MediaType[] {
  const signature = SIGNATURES.find((candidate) => candidate.matches(content));
  return signature ? signature.types(content) : [];
}

export type MediaTypeDecision = { ok: true; mediaType: MediaType } | { ok: false; reason: Text };

/** `image/JPEG; charset=x` → `image/jpeg`. */
function essence(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

/** The extension of a file name, lower case, or undefined (`.env` and `notes.` have none). */
export function extensionOf(fileName: string): string | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 && dot < fileName.length - 1 ? fileName.slice(dot + 1).toLowerCase() : undefined;
}

const ruleOf = (type: MediaType): TypeRule => ACCEPTED[type];

/**
 * The type of an upload: what its content is, narrowed by what the client
 * declared and the file name's extension, which must both agree with it.
 */
export function decideMediaType(
  content: Buffer,
  declaredType: string,
  fileName: string,
): MediaTypeDecision {
  const sniffed = sniffMediaTypes(content);
  if (!sniffed.length) {
    return { ok: false, reason: attachmentMessages.noAcceptedType(ACCEPTED_EXTENSIONS.join(', ')) };
  }
  const declared = essence(declaredType);
  const matchingDeclared = UNSPECIFIC_TYPES.includes(declared)
    ? sniffed
    : sniffed.filter((type) => type === declared || ruleOf(type).aliases.includes(declared));
  if (!matchingDeclared.length) {
    return { ok: false, reason: attachmentMessages.declaredOtherwise(declared, sniffed[0]) };
  }
  const extension = extensionOf(fileName);
  const matching =
    extension === undefined
      ? matchingDeclared
      : matchingDeclared.filter((type) => ruleOf(type).extensions.includes(extension));
  // Only a file name with an extension can disagree with the content.
  if (!matching.length) {
    return {
      ok: false,
      reason: attachmentMessages.extensionOtherwise(extension!, matchingDeclared[0]),
    };
  }
  return { ok: true, mediaType: matching[0] };
}
