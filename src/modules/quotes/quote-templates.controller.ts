import { Body, Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal, Roles } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IdParam } from '../../core/http/id-param.decorator';
import { Created } from '../../core/http/location';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import {
  CreateQuoteTemplateDto,
  QuoteTemplatePage,
  QuoteTemplateQueryDto,
  QuoteTemplateResponse,
} from './dto/quote-template.dto';
import {
  CREATE_QUOTE_TEMPLATE_EXAMPLE,
  QUOTE_TEMPLATE_EXAMPLE,
  QUOTE_TEMPLATE_PAGE_EXAMPLE,
} from './dto/quote.examples';
import { QuoteTemplatesService } from './quote-templates.service';

/** Who writes templates: the people who train new hires and own the price policy. */
const TEMPLATE_KEEPERS = [
  'admin',
  'sales_director',
  'regional_director',
  'supervisor',
  'finance_bp',
] as const;

@ApiTags('quotes')
@Controller('quote-templates')
export class QuoteTemplatesController {
  constructor(private readonly templates: QuoteTemplatesService) {}

  /** Save a quote template; a taken name gets 409 DUPLICATE_TEMPLATE_NAME */
  @Post()
  @Created('quote-templates/{id}')
  @Roles(...TEMPLATE_KEEPERS)
  @ApiProblems(409, 422)
  @ApiExamples({ request: CREATE_QUOTE_TEMPLATE_EXAMPLE, response: QUOTE_TEMPLATE_EXAMPLE })
  create(
    @Body() body: CreateQuoteTemplateDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<QuoteTemplateResponse> {
    return this.templates.create(principal, body);
  }

  /** List quote templates, by name unless sorted otherwise */
  @Get()
  @AnyRole()
  @ApiExamples({ response: QUOTE_TEMPLATE_PAGE_EXAMPLE })
  list(@Query() query: QuoteTemplateQueryDto): Promise<QuoteTemplatePage> {
    return this.templates.list(query);
  }

  /** Read a quote template */
  @Get(':id')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: QUOTE_TEMPLATE_EXAMPLE })
  get(@IdParam() id: string): Promise<QuoteTemplateResponse> {
    return this.templates.get(id);
  }
}
