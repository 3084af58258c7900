import { Body, Controller, Delete, Get, HttpCode, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal, Roles } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IdParam } from '../../core/http/id-param.decorator';
import { Created } from '../../core/http/location';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import { CustomFieldsService } from './custom-fields.service';
import {
  CreateCustomFieldDto,
  CustomFieldPage,
  CustomFieldQueryDto,
  CustomFieldResponse,
} from './dto/custom-field.dto';
import {
  CREATE_CUSTOM_FIELD_EXAMPLE,
  CUSTOM_FIELD_EXAMPLE,
  CUSTOM_FIELD_PAGE_EXAMPLE,
} from './dto/custom-field.examples';

const VALUES_DESCRIPTION = `Values live in the record's \`customFields\` under \`key\`, and are checked whenever a
customer is created or its \`customFields\` changed (PATCH), and when a follow-up or a quote is created:
an unknown key, a value of the wrong type, an option not listed or a missing required field gets 400
naming \`customFields.<key>\`.

| type | value |
| --- | --- |
| \`text\` | a string of at most 500 characters |
| \`number\` | a finite number |
| \`select\` | one of \`options\` |
| \`multiselect\` | an array of distinct \`options\` |
| \`date\` | a calendar date, \`YYYY-MM-DD\` |
| \`boolean\` | \`true\` or \`false\` |

A key taken by a live field of the same entity gets 409 \`DUPLICATE_CUSTOM_FIELD\`. Audited.`;

/** Custom fields are the organisation's forms: the admin defines them, everyone fills them in. */
@ApiTags('custom-fields')
@Controller('custom-fields')
export class CustomFieldsController {
  constructor(private readonly fields: CustomFieldsService) {}

  /** Define a custom field of customers, follow-ups or quotes */
  @Post()
  @Created('custom-fields/{id}')
  @Roles('admin')
  @ApiOperation({ description: VALUES_DESCRIPTION })
  @ApiProblems(409)
  @ApiExamples({ request: CREATE_CUSTOM_FIELD_EXAMPLE, response: CUSTOM_FIELD_EXAMPLE })
  create(
    @Body() body: CreateCustomFieldDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CustomFieldResponse> {
    return this.fields.create(principal, body);
  }

  /** List the live custom fields, oldest first */
  @Get()
  @AnyRole()
  @ApiExamples({ response: CUSTOM_FIELD_PAGE_EXAMPLE })
  list(@Query() query: CustomFieldQueryDto): Promise<CustomFieldPage> {
    return this.fields.list(query);
  }

  /** Read a custom field; a deleted one is 404 */
  @Get(':id')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: CUSTOM_FIELD_EXAMPLE })
  get(@IdParam() id: string): Promise<CustomFieldResponse> {
    return this.fields.get(id);
  }

  /**
   * Delete a custom field
   *
   * The values records already carry stay as they are; the field no longer
   * checks nor requires anything, and its key is free again. Audited.
   */
  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiProblems(404)
  remove(@IdParam() id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    return this.fields.remove(principal, id);
  }
}
