import { DomainException } from '../../core/errors/domain.exception';
import { catalogue } from '../../core/i18n/text';

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
