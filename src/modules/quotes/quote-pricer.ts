import { Injectable } from '@nestjs/common';
import { SettingsService } from '../../core/settings/settings.service';
import { ProductsService } from '../products/products.service';
import { ApprovalNeed, resolveApproval } from './domain/approval-policy';
import { StoredQuoteLine, toStoredLine } from './domain/quote-lines';
import {
  floorBreaches,
  presentTotals,
  PresentedTotals,
  priceLines,
  totalsOf,
} from './domain/quote-math';
import { ApprovalPoliciesService } from './approval-policies.service';
import { BelowFloorMarginException, UnknownProductException } from './quotes.exception';

/** A line to price: a product, a quantity, and a unit price (the list price when absent). */
export interface LineRequest {
  productId: string;
  qty: number | string;
  unitPrice?: string;
}

/** Lines priced on today's products, with the approval they need under today's policy. */
export interface PricedQuote {
  lines: StoredQuoteLine[];
  totals: PresentedTotals;
  approval: ApprovalNeed;
}

/**
 * Prices quote lines on the products and settings in force now, and holds
 * them to the floor lock (API.md §5). Every path that saves, submits or
 * approves a quote comes through here, since costs, margins and the policy
 * may have moved since the lines were written.
 */
@Injectable()
export class QuotePricer {
  constructor(
    private readonly products: ProductsService,
    private readonly settings: SettingsService,
    private readonly policies: ApprovalPoliciesService,
  ) {}

  /** 422 UNKNOWN_PRODUCT for a product that does not exist, 422 BELOW_FLOOR_MARGIN below a floor. */
  async price(requests: readonly LineRequest[]): Promise<PricedQuote> {
    const products = await this.products.pricingFor(requests.map((line) => line.productId));
    const unknown = requests.flatMap((line, index) =>
      products.has(line.productId) ? [] : [index],
    );
    if (unknown.length) throw new UnknownProductException(unknown);
    const inputs = requests.map((line) => {
      const product = products.get(line.productId)!;
      return { product, qty: line.qty, unitPrice: line.unitPrice ?? product.listPrice };
    });
    const { minMarginPct } = await this.settings.get();
    const priced = priceLines(inputs, minMarginPct);
    const breaches = floorBreaches(priced);
    if (breaches.length) throw new BelowFloorMarginException(breaches);
    const totals = totalsOf(priced);
    const approval = resolveApproval(await this.policies.current(), priced, totals);
    return {
      lines: priced.map((line, index) => toStoredLine(line, inputs[index].product)),
      totals: presentTotals(totals),
      approval,
    };
  }
}
