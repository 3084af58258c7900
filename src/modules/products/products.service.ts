import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { AuditService } from '../../core/audit/audit.service';
import { Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { NotFoundException, StaleVersionException } from '../../core/errors/domain.exception';
import { Page } from '../../core/http/pagination';
import { SettingsService } from '../../core/settings/settings.service';
import { DEFAULT_TAX_RATE_PCT } from './domain/product-patterns';
import {
  effectiveMinMarginPct,
  floorPrice,
  isBelowFloor,
  presentFloorPrice,
} from './domain/floor-price';
import type { LineProduct } from './domain/product-pricing';
import {
  CreateProductDto,
  ProductQueryDto,
  ProductResponse,
  UpdateProductDto,
} from './dto/product.dto';
import {
  DuplicateSkuException,
  ListPriceBelowFloorException,
  productMessages,
} from './products.exception';
import {
  PRODUCT_LIST,
  ProductFields,
  ProductRow,
  ProductsRepository,
  productSearchSql,
} from './products.repository';

const percentage = (value: string | null) => (value === null ? null : Number(value));

/** A product as the API shows it, its floor price computed with `settingMarginPct` where it has none. */
export function toProductResponse(row: ProductRow, settingMarginPct: number): ProductResponse {
  const ownMarginPct = percentage(row.minMarginPct);
  const marginPct = effectiveMinMarginPct(ownMarginPct, settingMarginPct);
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    unit: row.unit,
    listPrice: row.listPrice,
    cost: row.cost,
    taxRatePct: Number(row.taxRatePct),
    category: row.category,
    minMarginPct: ownMarginPct,
    effectiveMinMarginPct: marginPct,
    floorPrice: presentFloorPrice(floorPrice(row.cost, marginPct)),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

function toLineProduct(row: ProductRow): LineProduct {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    unit: row.unit,
    listPrice: row.listPrice,
    cost: row.cost,
    taxRatePct: Number(row.taxRatePct),
    minMarginPct: percentage(row.minMarginPct),
  };
}

/** The fields a DTO sent, as the table stores them (numbers as decimal strings). */
function storedChanges(dto: UpdateProductDto): Partial<ProductFields> {
  return Object.fromEntries(
    Object.entries(dto)
      .filter(([, value]) => value !== undefined)
      .map(([field, value]) => [field, typeof value === 'number' ? String(value) : value]),
  );
}

/** What the audit trail keeps of a product: its own fields as the API shows them (percentages as numbers). */
function auditedFields(row: ProductRow): Record<keyof ProductFields, unknown> {
  return {
    sku: row.sku,
    name: row.name,
    unit: row.unit,
    listPrice: row.listPrice,
    cost: row.cost,
    taxRatePct: Number(row.taxRatePct),
    category: row.category,
    minMarginPct: percentage(row.minMarginPct),
  };
}

/** Each of `fields` of `row`, as the audit trail keeps it. */
function auditedSubset(row: ProductRow, fields: (keyof ProductFields)[]): Record<string, unknown> {
  const all = auditedFields(row);
  return Object.fromEntries(fields.map((field) => [field, all[field]]));
}

/** The fields whose change can move the floor price or the list price. */
const PRICING_FIELDS: (keyof ProductFields)[] = ['listPrice', 'cost', 'minMarginPct'];

/** The fields stored as numeric: `"42"` and `"42.00"` are the same price. */
const NUMERIC_FIELDS: (keyof ProductFields)[] = ['listPrice', 'cost', 'taxRatePct', 'minMarginPct'];

/** The fields `changes` gives another value than the row holds (numbers compared as decimals). */
function changedFields(row: ProductRow, changes: Partial<ProductFields>): (keyof ProductFields)[] {
  return (Object.keys(changes) as (keyof ProductFields)[]).filter((field) => {
    const before = row[field];
    const after = changes[field];
    if (before === null || after === null || after === undefined) return before !== after;
    return NUMERIC_FIELDS.includes(field) ? !new Decimal(before).eq(after) : before !== after;
  });
}

/**
 * A list price below the floor would make every quote at list price fail the
 * floor lock (API.md §5), so the library refuses it: 422 LIST_PRICE_BELOW_FLOOR.
 */
function assertListPriceKeepsFloor(
  product: Pick<ProductFields, 'listPrice' | 'cost' | 'minMarginPct'>,
  settingMarginPct: number,
): void {
  const marginPct = effectiveMinMarginPct(percentage(product.minMarginPct), settingMarginPct);
  if (isBelowFloor(product.listPrice, product.cost, marginPct)) {
    const floor = presentFloorPrice(floorPrice(product.cost, marginPct));
    throw new ListPriceBelowFloorException(floor, marginPct);
  }
}

@Injectable()
export class ProductsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly products: ProductsRepository,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, dto: CreateProductDto): Promise<ProductResponse> {
    const fields = {
      category: null,
      minMarginPct: null,
      taxRatePct: String(DEFAULT_TAX_RATE_PCT),
      ...storedChanges(dto),
    } as ProductFields;
    return this.tx.withTransaction(async () => {
      const settingMarginPct = await this.settingMarginPct();
      assertListPriceKeepsFloor(fields, settingMarginPct);
      await this.products.lockSku(fields.sku);
      const row = await this.products.insert(fields, principal.userId);
      if (!row) throw new DuplicateSkuException((await this.products.findIdBySku(fields.sku))!);
      await this.audit.append({
        actor: principal,
        entity: 'product',
        entityId: row.id,
        action: 'created',
        data: auditedFields(row),
      });
      return toProductResponse(row, settingMarginPct);
    });
  }

  async list(query: ProductQueryDto): Promise<Page<ProductResponse>> {
    const plan = await PRODUCT_LIST.plan(query, this.tx);
    const params = new SqlParams();
    const where = ['TRUE'];
    if (query.q) where.push(productSearchSql(query.q, params));
    if (query.category) where.push(`p.category = ANY (${params.add(query.category)}::text[])`);
    where.push(...plan.where(params));
    const rows = await this.products.list(params, where, query.limit, plan.orderBy);
    const settingMarginPct = await this.settingMarginPct();
    return plan.page(rows, (row) => toProductResponse(row, settingMarginPct));
  }

  async get(id: string): Promise<ProductResponse> {
    const row = await this.products.findOne(id);
    if (!row) throw new NotFoundException(productMessages.product, id);
    return toProductResponse(row, await this.settingMarginPct());
  }

  /**
   * A change of price, cost or margin is checked against the floor again; a
   * rename is not, so a product whose list price a raised setting left below
   * its floor can still be edited (and its price then fixed).
   */
  async update(
    principal: Principal,
    id: string,
    dto: UpdateProductDto,
    expectedVersion?: number,
  ): Promise<ProductResponse> {
    const changes = storedChanges(dto);
    return this.tx.withTransaction(async () => {
      const current = await this.products.findOne(id, true);
      if (!current) throw new NotFoundException(productMessages.product, id);
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw new StaleVersionException(productMessages.product, expectedVersion, current.version);
      }
      const settingMarginPct = await this.settingMarginPct();
      const changed = changedFields(current, changes);
      if (!changed.length) return toProductResponse(current, settingMarginPct);
      if (changed.some((field) => PRICING_FIELDS.includes(field))) {
        assertListPriceKeepsFloor({ ...current, ...changes }, settingMarginPct);
      }
      if (changes.sku !== undefined && changes.sku !== current.sku) {
        await this.products.lockSku(changes.sku);
        const holder = await this.products.findIdBySku(changes.sku);
        if (holder) throw new DuplicateSkuException(holder);
      }
      const row = await this.products.update(id, changes);
      await this.audit.append({
        actor: principal,
        entity: 'product',
        entityId: id,
        action: 'updated',
        data: {
          version: row.version,
          before: auditedSubset(current, changed),
          after: auditedSubset(row, changed),
        },
      });
      return toProductResponse(row, settingMarginPct);
    });
  }

  /**
   * What quotes price against, by id: list price, cost, VAT and the product's
   * own floor margin, with its name and unit to print. Unknown ids are absent.
   */
  async pricingFor(ids: readonly string[]): Promise<Map<string, LineProduct>> {
    const rows = await this.products.findMany([...new Set(ids)]);
    return new Map(rows.map((row) => [row.id, toLineProduct(row)]));
  }

  private async settingMarginPct(): Promise<number> {
    return (await this.settings.get()).minMarginPct;
  }
}
