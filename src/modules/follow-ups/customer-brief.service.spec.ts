import { Principal } from '../../core/auth/principal';
import { CustomerRow } from '../customers/customers.repository';
import { CustomersService } from '../customers/customers.service';
import { OrdersService } from '../contracts/orders.service';
import { QuotesService } from '../quotes/quotes.service';
import { CustomerBriefService } from './customer-brief.service';
import { FollowUpRow, FollowUpsRepository } from './follow-ups.repository';

const rep: Principal = {
  kind: 'user',
  id: 'u1',
  userId: 'u1',
  name: 'wang.rep',
  roles: ['rep'],
  orgUnitId: 'team',
};

const customer = {
  id: 'c1',
  phone: '+8613800138000',
  ownerId: 'u1',
  tags: ['只接受月结'],
  purchaseFrequency: null,
  lastInteractionAt: new Date(Date.now() - 5 * 3_600_000),
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
} as unknown as CustomerRow;

const followUp = (id: string) =>
  ({
    id,
    occurredAt: new Date(),
    nextTouchAt: null,
    confirmedAt: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    transcript: [],
    objections: [{ category: 'price', quote: '太贵' }],
  }) as unknown as FollowUpRow;

describe('CustomerBriefService', () => {
  it('reads the customer, its last three follow-ups and its open quotes once each, however long the history', async () => {
    const findWorkable = jest.fn().mockResolvedValue(customer);
    const listForCustomer = jest
      .fn()
      .mockResolvedValue([followUp('f3'), followUp('f2'), followUp('f1')]);
    const openQuote = {
      id: 'q1',
      number: 'Q-2026-000001',
      version: 2,
      status: 'pending_approval',
      amount: '4776.00',
      amountWithTax: '5396.88',
      validUntil: '2026-12-31',
    };
    const openForCustomer = jest.fn().mockResolvedValue([openQuote]);
    const service = new CustomerBriefService(
      { findWorkable } as unknown as CustomersService,
      { listForCustomer } as unknown as FollowUpsRepository,
      { openForCustomer } as unknown as QuotesService,
      { yearToDate: jest.fn().mockResolvedValue('1288.00') } as unknown as OrdersService,
    );
    const brief = await service.brief(rep, 'c1');
    expect(findWorkable).toHaveBeenCalledTimes(1);
    expect(listForCustomer).toHaveBeenCalledTimes(1);
    expect(listForCustomer).toHaveBeenCalledWith('c1', 3);
    expect(brief.lastFollowUps.map((f) => f.id)).toEqual(['f3', 'f2', 'f1']);
    expect(brief.lastFollowUps[0].objections).toEqual([{ category: 'price', quote: '太贵' }]);
    expect(brief.silentHours).toBe(5);
    expect(brief.tags).toEqual(['只接受月结']);
    expect(openForCustomer).toHaveBeenCalledWith('c1');
    expect(brief.openQuotes).toEqual([openQuote]);
    expect(brief.ytdPurchases).toBe('1288.00');
  });
});
