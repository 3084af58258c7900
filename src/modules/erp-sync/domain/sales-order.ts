import Decimal from 'decimal.js';
import type { StoredQuoteLine } from '../../quotes/domain/quote-lines';
import type { ErpSalesOrder, ErpSalesOrderLine } from '../adapters';

/** Tax-inclusive unit prices keep this many decimals, as K3's FTaxPrice and U8's taxunitprice do. */
const PRICE_DECIMALS = 6;

/** A signed contract as the dispatcher reads it. */
export interface ContractForErp {
  contractId: string;
  contractNo: string;
  /** The signing day, YYYY-MM-DD in the organisation's time zone. */
  signedOn: string;
  customerErpCode: string | null;
  lines: Pick<StoredQuoteLine, 'sku' | 'qty' | 'unitPrice' | 'taxRatePct'>[];
}

/**
 * The contract as an ERP sales order (issue 14 §3: customer `erpCode`, product
 * `sku`, tax-inclusive unit price, tax rate), or the reason it cannot be one.
 * The contract stores prices net of VAT; the ERP takes them with VAT, so each
 * is grossed up exactly and kept to 6 decimals rather than rounded to cents,
 * which would let the ERP's total drift from the contract's.
 */
export function toErpSalesOrder(
  contract: ContractForErp,
): { order: ErpSalesOrder } | { refused: string } {
  if (!contract.customerErpCode) {
    return { refused: 'The customer has no ERP code (erpCode): set it, then retry the job' };
  }
  return {
    order: {
      contractId: contract.contractId,
      contractNo: contract.contractNo,
      date: contract.signedOn,
      customerErpCode: contract.customerErpCode,
      lines: contract.lines.map(toErpLine),
    },
  };
}

function toErpLine(line: ContractForErp['lines'][number]): ErpSalesOrderLine {
  const gross = new Decimal(line.unitPrice).times(new Decimal(line.taxRatePct).div(100).plus(1));
  return {
    sku: line.sku,
    qty: new Decimal(line.qty).toString(),
    taxUnitPrice: gross.toDecimalPlaces(PRICE_DECIMALS, Decimal.ROUND_HALF_UP).toFixed(),
    taxRatePct: line.taxRatePct,
  };
}
