/** Longest stored file name, in characters; file systems allow 255 bytes, so keep it sane. */
export const MAX_FILE_NAME_LENGTH = 200;

/** Control characters (C0, DEL, C1) and the bidirectional overrides that make `exe.pdf` read as `fdp.exe`. */
const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

/**
 * The name an uploaded file is kept (and downloaded) under: the client's name
 * without control characters, NUL included, trimmed, and shortened before its
 * extension so that the extension survives; `fallback` if nothing is left.
 */
export function cleanFileName(raw: string, fallback: string): string {
  const name = raw.replace(UNSAFE, '').trim();
  if (!name) return fallback;
  const characters = Array.from(name);
  if (characters.length <= MAX_FILE_NAME_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(name.slice(dot)).slice(0, 16) : [];
  return [...characters.slice(0, MAX_FILE_NAME_LENGTH - extension.length), ...extension].join('');
}
