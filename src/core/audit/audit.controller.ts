import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { ApiExamples } from '../openapi/api-examples.decorator';
import { AuditService } from './audit.service';
import {
  AuditEventPage,
  AuditEventResponse,
  AuditVerificationResponse,
} from './dto/audit-event.response';
import { AuditQueryDto } from './dto/audit-query.dto';
import { AUDIT_EVENT_PAGE_EXAMPLE, AUDIT_VERIFICATION_EXAMPLE } from './dto/audit.examples';

const AUDIT_READERS = ['admin', 'sales_director', 'finance_bp'] as const;

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** List audit events, oldest first */
  @Get()
  @Roles(...AUDIT_READERS)
  @ApiExamples({ response: AUDIT_EVENT_PAGE_EXAMPLE })
  async list(@Query() query: AuditQueryDto): Promise<AuditEventPage> {
    const page = await this.audit.list(query);
    return { ...page, items: page.items.map((event) => AuditEventResponse.from(event)) };
  }

  /** Verify the hash chain of the whole trail */
  @Get('verify')
  @Roles(...AUDIT_READERS)
  @ApiExamples({ response: AUDIT_VERIFICATION_EXAMPLE })
  async verify(): Promise<AuditVerificationResponse> {
    const result = await this.audit.verify();
    return { ...result, firstBadSeq: result.firstBadSeq ? Number(result.firstBadSeq) : undefined };
  }
}
