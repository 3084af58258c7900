import { ColumnLayout, HeaderMatcher } from '../../../../core/imports/header-mapping';

/** What a product import column can hold: the fields of `POST /products`. */
export const PRODUCT_IMPORT_FIELDS = [
  'sku',
  'name',
  'unit',
  'listPrice',
  'cost',
  'taxRatePct',
  'category',
  'minMarginPct',
] as const;
export type ProductImportField = (typeof PRODUCT_IMPORT_FIELDS)[number];

/** The product import's columns, in Chinese or English (see HeaderMatcher). */
export const PRODUCT_COLUMNS = new HeaderMatcher<ProductImportField>({
  fields: PRODUCT_IMPORT_FIELDS,
  required: ['sku', 'name', 'unit', 'listPrice', 'cost'],
  synonyms: {
    sku: ['编码', 'SKU', '产品编码', '物料编码', '商品编码', '货号', 'code'],
    name: ['名称', '产品名称', '商品名称', '物料名称', 'name', 'productName'],
    unit: ['单位', '计量单位', 'unit', 'uom'],
    listPrice: ['目录价', '标价', '售价', '单价', 'listPrice', 'price'],
    cost: ['成本', '成本价', 'cost'],
    taxRatePct: ['税率', '增值税率', 'taxRatePct', 'taxRate'],
    category: ['类别', '分类', '产品类别', 'category'],
    minMarginPct: ['最低毛利率', '底线毛利率', '毛利率下限', 'minMarginPct', 'minMargin'],
  },
});

export type ProductColumnLayout = ColumnLayout<ProductImportField>;
