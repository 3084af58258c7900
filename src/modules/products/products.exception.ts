import { DomainException } from '../../core/errors/domain.exception';
import { catalogue } from '../../core/i18n/text';
import { sharedImportMessages } from '../../core/imports/imports.exception';

export const ProductErrorCode = {
  DUPLICATE_SKU: 'DUPLICATE_SKU',
  LIST_PRICE_BELOW_FLOOR: 'LIST_PRICE_BELOW_FLOOR',
} as const;

export const productMessages = catalogue({
  product: { en: 'Product', zh: '产品' },
  duplicateSku: {
    en: 'A product with this SKU already exists',
    zh: '已有产品使用此 SKU',
  },
  skuTaken: { en: 'already belongs to another product', zh: '已属于另一个产品' },
  listPriceBelowFloor: (floorPrice: string, marginPct: number) => ({
    en: `The list price is below the floor price ${floorPrice} (a ${marginPct} % margin over cost): a quote at list price could never be saved`,
    zh: `标价低于底价 ${floorPrice}（成本加 ${marginPct}% 毛利）：按标价报价将无法保存`,
  }),
  belowFloor: (floorPrice: string) => ({
    en: `must be at least the floor price ${floorPrice}`,
    zh: `不得低于底价 ${floorPrice}`,
  }),
});

/**
 * The product import's messages: the shared ones of the import machinery, and
 * the reasons of rejected product rows, written in the language of the request
 * that started the import (its summary and errors.xlsx keep it).
 */
export const productImportMessages = catalogue({
  ...sharedImportMessages,
  productImport: { en: 'Product import', zh: '产品导入' },
  sku: {
    en: 'may contain only letters, digits and ._/+- and must start with a letter or digit',
    zh: '只能包含字母、数字和 ._/+-，并以字母或数字开头',
  },
  listPrice: {
    en: 'must be an amount above 0 with at most 12 integer digits and 2 decimals, e.g. 42.00',
    zh: '必须是大于 0 的金额，最多 12 位整数和 2 位小数，例如 42.00',
  },
  cost: {
    en: 'must be an amount of at least 0 with at most 12 integer digits and 2 decimals, e.g. 30.00',
    zh: '必须是不小于 0 的金额，最多 12 位整数和 2 位小数，例如 30.00',
  },
  percentage: (max: number) => ({
    en: `must be a percentage from 0 to ${max} with at most 2 decimals, e.g. 13 or 12.5%`,
    zh: `必须是 0 到 ${max} 之间、最多 2 位小数的百分比，例如 13 或 12.5%`,
  }),
  category: { en: 'may not contain a comma', zh: '不能包含逗号' },
  /** The floor lock would refuse every quote at list price (see ListPriceBelowFloorException). */
  listPriceBelowFloor: (floorPrice: string, marginPct: number) => ({
    en: `LIST_PRICE_BELOW_FLOOR: must be at least the floor price ${floorPrice} (a ${marginPct} % margin over cost)`,
    zh: `LIST_PRICE_BELOW_FLOOR：不得低于底价 ${floorPrice}（成本加 ${marginPct}% 毛利）`,
  }),
});

export class DuplicateSkuException extends DomainException {
  constructor(existingProductId: string) {
    super('conflict', ProductErrorCode.DUPLICATE_SKU, productMessages.duplicateSku, {
      errors: [{ field: 'sku', message: productMessages.skuTaken }],
      extensions: { existingProductId },
    });
  }
}

/** The floor lock would refuse every quote at list price, so the library refuses the price first. */
export class ListPriceBelowFloorException extends DomainException {
  constructor(floorPrice: string, effectiveMinMarginPct: number) {
    super(
      'unprocessable',
      ProductErrorCode.LIST_PRICE_BELOW_FLOOR,
      productMessages.listPriceBelowFloor(floorPrice, effectiveMinMarginPct),
      {
        errors: [{ field: 'listPrice', message: productMessages.belowFloor(floorPrice) }],
        extensions: { floorPrice, effectiveMinMarginPct },
      },
    );
  }
}
