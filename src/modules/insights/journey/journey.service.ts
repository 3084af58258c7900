import { Injectable } from '@nestjs/common';
import { Principal } from '../../../core/auth/principal';
import { InvalidInputException } from '../../../core/errors/domain.exception';
import { CursorKey, decodeCursor, Page, toPage } from '../../../core/http/pagination';
import { CustomersService } from '../../customers/customers.service';
import { summarize } from './domain/journey-summary';
import { JourneyItemResponse, JourneyQueryDto } from './dto/journey.dto';
import { JourneyKeyset, JourneyRepository, JourneyRow } from './journey.repository';
import { journeyMessages } from './journey.messages';

/**
 * `GET /customers/:id/journey`: two queries whatever the history (the
 * customer in scope, then one UNION ALL over every source), never one per item.
 */
@Injectable()
export class JourneyService {
  constructor(
    private readonly customers: CustomersService,
    private readonly journeys: JourneyRepository,
  ) {}

  /**
   * A customer the caller may see (the pool included, as for `GET /customers/:id`:
   * a rep reads a pool customer's history before claiming it), else 404.
   */
  async read(
    principal: Principal,
    customerId: string,
    query: JourneyQueryDto,
  ): Promise<Page<JourneyItemResponse>> {
    checkWindow(query);
    const after = query.cursor === undefined ? undefined : keysetOf(query.cursor);
    const customer = await this.customers.findVisible(principal, customerId);
    const rows = await this.journeys.items(customer.id, {
      from: query.from,
      to: query.to,
      after,
      limit: query.limit + 1,
    });
    return toPage(rows, query.limit, cursorKeyOf, toJourneyItem);
  }
}

function checkWindow({ from, to }: JourneyQueryDto): void {
  if (from !== undefined && to !== undefined && Date.parse(to) <= Date.parse(from)) {
    throw new InvalidInputException([{ field: 'to', message: journeyMessages.toNotAfterFrom }]);
  }
}

/** A cursor is the last item's (at, kind, refId, ordinal); a forged one is 400 INVALID_CURSOR. */
function keysetOf(cursor: string): JourneyKeyset {
  const [at, kind, refId, ordinal] = decodeCursor(cursor, ['timestamp', 'text', 'text', 'integer']);
  return { at: String(at), kind: String(kind), refId: String(refId), ordinal: String(ordinal) };
}

function cursorKeyOf(row: JourneyRow): CursorKey {
  return [row.at.toISOString(), row.kind, row.refId, row.ordinal];
}

function toJourneyItem(row: JourneyRow): JourneyItemResponse {
  return { at: row.at.toISOString(), kind: row.kind, summary: summarize(row), refId: row.refId };
}
