import { Type as ClassType } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { IsString, MaxLength, MinLength, validateSync } from 'class-validator';
import { FieldError } from '../../../../core/errors/domain.exception';
import { flattenValidationErrors, OptionalNotNull } from '../../../../core/http/validation';
import type {
  ErpKind,
  K3CloudCredentials,
  K3CloudDefaults,
  U8Credentials,
  U8Defaults,
} from '../../adapters';

/*
 * What each kind of ERP needs (API.md §6). Values are sent to the ERP as
 * given, so they are not trimmed: a password may end in a space. Optional
 * values may be left out, not sent as null.
 */

/** K3 Cloud WebAPI login (ValidateUser). */
export class K3CloudCredentialsDto implements K3CloudCredentials {
  /** The data centre (账套) id, e.g. `6523a1b2c3d4e5`. */
  @IsString() @MinLength(1) @MaxLength(200) acctID: string;
  /** The integration user, e.g. `接口用户`. */
  @IsString() @MinLength(1) @MaxLength(200) username: string;
  @IsString() @MinLength(1) @MaxLength(200) password: string;
}

/** What every K3 sales order carries besides the contract's own data. */
export class K3CloudDefaultsDto implements K3CloudDefaults {
  /** The selling organisation's number (`FSaleOrgId.FNumber`), e.g. `100`. */
  @IsString() @MinLength(1) @MaxLength(200) saleOrgNumber: string;
  /** The bill type's number (`FBillTypeID.FNumber`), e.g. `XSDD01_SYS`; K3's default when absent. */
  @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(200) billTypeNumber?: string;
  /** The settlement currency's number, e.g. `PRE001` (CNY); K3's default when absent. */
  @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(200) currencyNumber?: string;
}

/** U8 OpenAPI: the app's key and secret get a token; the accounts route the order. */
export class U8CredentialsDto implements U8Credentials {
  /** The calling account (`from_account`). */
  @IsString() @MinLength(1) @MaxLength(200) fromAccount: string;
  /** The target account (`to_account`), e.g. the U8 company account. */
  @IsString() @MinLength(1) @MaxLength(200) toAccount: string;
  @IsString() @MinLength(1) @MaxLength(200) appKey: string;
  @IsString() @MinLength(1) @MaxLength(200) appSecret: string;
}

/** What every U8 sales order carries besides the contract's own data. */
export class U8DefaultsDto implements U8Defaults {
  /** The business type, e.g. `普通销售`. */
  @IsString() @MinLength(1) @MaxLength(200) businesstype: string;
  /** The sales type's code, e.g. `01`. */
  @IsString() @MinLength(1) @MaxLength(200) typecode: string;
  /** The department's code, e.g. `03`. */
  @IsString() @MinLength(1) @MaxLength(200) deptcode: string;
  /** The salesperson's code; none when absent. */
  @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(200) personcode?: string;
}

/** The classes `credentials` and `defaults` must fit, per kind. */
export const KIND_PARTS: Record<ErpKind, { credentials: ClassType; defaults: ClassType }> = {
  k3cloud: { credentials: K3CloudCredentialsDto, defaults: K3CloudDefaultsDto },
  u8: { credentials: U8CredentialsDto, defaults: U8DefaultsDto },
};

export type KindPart = keyof (typeof KIND_PARTS)[ErpKind];

/**
 * Every bad field of `credentials` and `defaults` for `kind`, named as the
 * request does (`credentials.password`), unknown fields included. A PATCH
 * carries no kind, so its parts are checked here, against the stored one.
 */
export function kindPartErrors(
  kind: ErpKind,
  parts: Partial<Record<KindPart, object>>,
): FieldError[] {
  return (['credentials', 'defaults'] as const).flatMap((part) => {
    const value = parts[part];
    if (value === undefined) return [];
    const errors = validateSync(plainToInstance(KIND_PARTS[kind][part], value) as object, {
      whitelist: true,
      forbidNonWhitelisted: true,
      validationError: { target: true, value: true },
    });
    return flattenValidationErrors(errors, part);
  });
}
