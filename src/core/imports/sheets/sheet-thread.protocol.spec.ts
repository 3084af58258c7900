import { DomainException, InvalidInputException } from '../../errors/domain.exception';
import { TooManyRowsException, UnsupportedFileException } from '../imports.exception';
import { deserializeError, serializeError } from './sheet-thread.protocol';

/** What crosses a thread boundary: the structured clone of the serialised error. */
const acrossThreads = (error: unknown) => deserializeError(structuredClone(serializeError(error)));

describe('errors across the sheet thread boundary', () => {
  it('rebuilds an UnsupportedFileException as itself, with its code, message and field errors', () => {
    const original = new UnsupportedFileException({
      en: 'the CSV cannot be parsed (Invalid Record Length)',
      zh: '无法解析该 CSV（Invalid Record Length）',
    });
    const rebuilt = acrossThreads(original);
    expect(rebuilt).toBeInstanceOf(UnsupportedFileException);
    expect(rebuilt).toMatchObject({
      name: 'UnsupportedFileException',
      kind: 'invalid',
      code: 'UNSUPPORTED_FILE',
      message: original.message,
      options: original.options,
    });
  });

  it('rebuilds another domain exception as a DomainException of the same kind, code and details', () => {
    for (const original of [
      new TooManyRowsException(1_000_000),
      new InvalidInputException([
        { field: 'file', message: { en: 'is required', zh: '为必填项' } },
      ]),
    ]) {
      const rebuilt = acrossThreads(original);
      expect(rebuilt).toBeInstanceOf(DomainException);
      expect(rebuilt).toMatchObject({
        name: original.name,
        kind: original.kind,
        code: original.code,
        message: original.message,
        detail: original.detail,
        options: original.options,
      });
    }
  });

  it('keeps a system error’s code, syscall and path, and the thread’s stack, for the log', () => {
    const original = Object.assign(new Error("ENOENT: no such file or directory, open '/x'"), {
      code: 'ENOENT',
      errno: -2,
      syscall: 'open',
      path: '/x',
    });
    const rebuilt = acrossThreads(original);
    expect(rebuilt).not.toBeInstanceOf(DomainException);
    expect(rebuilt).toMatchObject({
      message: original.message,
      code: 'ENOENT',
      errno: -2,
      syscall: 'open',
      path: '/x',
    });
    expect(rebuilt.stack).toBe(original.stack);
  });

  it('turns a thrown non-error into an Error with its text', () => {
    expect(acrossThreads('boom')).toMatchObject({ name: 'Error', message: 'boom' });
  });
});
