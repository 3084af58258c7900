import type { TestApp } from './test-app';

/** A product of the library as the quote tests use it: list, cost and floor given by the test. */
export interface TestProduct {
  id: string;
  sku: string;
  listPrice: string;
  floorPrice: string;
}

let skuSequence = 0;
/** Mobile numbers 137xxxxxxxx, from a random start so that concurrent suites do not collide. */
let phoneSequence = Math.floor(Math.random() * 9e7);
const nextPhone = () => `137${String(1e7 + (++phoneSequence % 9e7)).padStart(8, '0')}`;

/**
 * Products and quotes made through the API, for the quote, approval and
 * benchmark suites: `product()` needs a price keeper (admin), `quote()` the
 * customer's owner.
 */
export class QuoteFactory {
  constructor(private readonly app: TestApp) {}

  /** 深沟球轴承 6205: list 42.00, cost 30.00 (floor 34.29 at the default 12.5 %), unless overridden. */
  async product(overrides: object = {}): Promise<TestProduct> {
    const response = await this.app
      .post('/products', this.app.adminAuth, {
        sku: `QT-BRG-${process.pid}-${++skuSequence}`,
        name: '深沟球轴承 6205-2RS',
        unit: '个',
        listPrice: '42.00',
        cost: '30.00',
        ...overrides,
      })
      .expect(201);
    return response.body as TestProduct;
  }

  /** A customer owned by the caller behind `auth`, with a phone no other test uses. */
  async customer(auth: string, name = '杭州精工配件有限公司', fields: object = {}): Promise<string> {
    const response = await this.app
      .post('/customers', auth, { name: `${name}${++skuSequence}`, phone: nextPhone(), ...fields })
      .expect(201);
    return (response.body as { id: string }).id;
  }
}
