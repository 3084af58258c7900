import type { ArgumentMetadata } from '@nestjs/common';
import { FieldError, InvalidInputException } from '../../../../core/errors/domain.exception';
import { createValidationPipe } from '../../../../core/http/validation';
import { CreateErpConnectionDto } from './erp-connection.dto';
import { K3CloudCredentialsDto, kindPartErrors, U8DefaultsDto } from './erp-kind.dto';

const BODY: ArgumentMetadata = { type: 'body', metatype: CreateErpConnectionDto };

const K3 = {
  credentials: { acctID: '6523a1b2c3', username: '接口用户', password: 'Kd#2026!' },
  defaults: { saleOrgNumber: '100' },
};
const U8 = {
  credentials: { fromAccount: 'f', toAccount: 't', appKey: 'k', appSecret: 's' },
  defaults: { businesstype: '普通销售', typecode: '01', deptcode: '03', personcode: '0101' },
};

const fields = (errors: FieldError[]) => errors.map((error) => error.field).sort();

async function createErrors(body: object): Promise<string[]> {
  try {
    await createValidationPipe().transform(body, BODY);
    return [];
  } catch (error) {
    return fields((error as InvalidInputException).options.errors ?? []);
  }
}

const connection = (kind: string, parts: object) => ({
  name: 'ERP',
  kind,
  baseUrl: 'http://127.0.0.1:4010',
  active: false,
  ...parts,
});

describe('kindPartErrors', () => {
  it('accepts each kind’s own credentials and defaults, optional fields left out', () => {
    expect(kindPartErrors('k3cloud', K3)).toEqual([]);
    expect(kindPartErrors('u8', U8)).toEqual([]);
    expect(kindPartErrors('u8', { defaults: { ...U8.defaults, personcode: undefined } })).toEqual(
      [],
    );
  });

  it('checks only the parts given (a PATCH may send one)', () => {
    expect(kindPartErrors('k3cloud', {})).toEqual([]);
    expect(fields(kindPartErrors('k3cloud', { defaults: {} }))).toEqual(['defaults.saleOrgNumber']);
  });

  it('names every missing, empty, mistyped and unknown field under its part', () => {
    const errors = kindPartErrors('k3cloud', {
      credentials: { acctID: '', username: 42, appSecret: 's' },
      defaults: { saleOrgNumber: '100', currencyNumber: null },
    });
    expect(fields(errors)).toEqual([
      'credentials.acctID',
      'credentials.appSecret',
      'credentials.password',
      'credentials.username',
      'defaults.currencyNumber',
    ]);
  });

  it('refuses the other kind’s fields', () => {
    expect(fields(kindPartErrors('u8', K3))).toEqual([
      'credentials.acctID',
      'credentials.appKey',
      'credentials.appSecret',
      'credentials.fromAccount',
      'credentials.password',
      'credentials.toAccount',
      'credentials.username',
      'defaults.businesstype',
      'defaults.deptcode',
      'defaults.saleOrgNumber',
      'defaults.typecode',
    ]);
  });

  it('speaks Chinese too', () => {
    const [error] = kindPartErrors('u8', { defaults: { ...U8.defaults, deptcode: undefined } });
    expect(error).toEqual({
      field: 'defaults.deptcode',
      message: { en: 'deptcode is required', zh: 'deptcode 为必填项' },
    });
  });
});

describe('CreateErpConnectionDto', () => {
  it('validates credentials and defaults as the kind wants them', async () => {
    expect(await createErrors(connection('k3cloud', K3))).toEqual([]);
    expect(await createErrors(connection('u8', U8))).toEqual([]);
    expect(await createErrors(connection('u8', K3))).toContain('credentials.appSecret');
    expect(await createErrors(connection('k3cloud', U8))).toContain('credentials.password');
  });

  it('makes the nested parts instances of the kind’s classes', async () => {
    const dto = (await createValidationPipe().transform(
      connection('k3cloud', K3),
      BODY,
    )) as CreateErpConnectionDto;
    expect(dto.credentials).toBeInstanceOf(K3CloudCredentialsDto);
    const u8 = (await createValidationPipe().transform(
      connection('u8', U8),
      BODY,
    )) as CreateErpConnectionDto;
    expect(u8.defaults).toBeInstanceOf(U8DefaultsDto);
  });

  it('refuses an unknown kind on its own, and parts that are not objects', async () => {
    expect(await createErrors(connection('sap', K3))).toEqual(['kind']);
    expect(await createErrors(connection('u8', { credentials: 'secret', defaults: [] }))).toEqual([
      'credentials',
      'defaults',
    ]);
  });

  it.each([
    ['an ftp URL', 'ftp://erp.example.com'],
    ['a URL with a password', 'https://user:pw@erp.example.com'],
    ['no URL at all', 'erp.example.com'],
    ['a URL with a query', 'https://erp.example.com/K3Cloud?x=1'],
  ])('refuses %s as baseUrl', async (_, baseUrl) => {
    expect(await createErrors({ ...connection('k3cloud', K3), baseUrl })).toEqual(['baseUrl']);
  });

  it.each(['http://127.0.0.1:4010', 'https://erp.example.com/K3Cloud/', 'http://localhost:8080'])(
    'accepts %s as baseUrl',
    async (baseUrl) => {
      expect(await createErrors({ ...connection('k3cloud', K3), baseUrl })).toEqual([]);
    },
  );

  it.each([999, 120_001, 1.5])('refuses timeoutMs %s', async (timeoutMs) => {
    expect(await createErrors({ ...connection('k3cloud', K3), timeoutMs })).toEqual(['timeoutMs']);
  });
});
