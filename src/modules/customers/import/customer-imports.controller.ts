import { Controller, Get, Headers, Res, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AnyRole, CurrentPrincipal } from '../../../core/auth/access.decorators';
import { Principal } from '../../../core/auth/principal';
import { RequestLanguage } from '../../../core/i18n/request-language';
import { Language } from '../../../core/i18n/text';
import { IdParam } from '../../../core/http/id-param.decorator';
import { IDEMPOTENCY_HEADER, IdempotentByService } from '../../../core/idempotency/idempotency';
import { REPLAYED_HEADER } from '../../../core/idempotency/idempotency.interceptor';
import { Created } from '../../../core/http/location';
import { Post } from '../../../core/idempotency/post.decorator';
import { ApiExamples } from '../../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../../core/openapi/api-problems.decorator';
import { ImportStatus } from '../../../core/imports/import-journal';
import { CustomerImportsService } from './customer-imports.service';
import { MAX_IMPORT_ROWS } from './customer-import.runner';
import { CustomerImportResponse } from './dto/customer-import.dto';
import { XLSX_MEDIA_TYPE } from '../../../core/imports/error-report';
import { IMPORT_FIELDS } from './domain/header-mapping';
import { ImportUpload, ReceivedUpload } from './upload/import-upload';

/** 201 once finished, 202 while it runs. A failed import is answered with its error instead. */
const HTTP_STATUS: Record<ImportStatus, number> = { completed: 201, running: 202, failed: 201 };

const START_DESCRIPTION = `Upload an \`.xlsx\` (first worksheet) or a \`.csv\` (UTF-8 with or without BOM, or GB18030/GBK) of customers.
The format is told from the content, not the file name.

**Columns** are recognised by their header, in Chinese or English, whatever their width, case and spacing:
姓名/客户名称/name, 电话/手机/手机号/联系电话/phone, 公司/company, 类型/segment (b2b/b2c), 城市/city,
标签/tags (split on \`,\` \`，\` \`;\` \`；\` \`、\`), 消费频次/购买频次/frequency, 客单价/avgOrderValue (\`¥12,800.50\` is fine),
负责人/owner (a username). \`mapping\` overrides them. Other columns are ignored. A name and a phone column are required.

**Rows.** A row without a name, with an invalid phone or another bad value, or naming an owner you may not assign to,
is **invalid**: reported as \`{ row, field, reason }\` (the spreadsheet row number; the header is row 1) and in
\`errors.xlsx\`. Every other row is imported. Blank rows are skipped. Rows without an owner go to \`ownerId\`, or
where \`POST /customers\` would put them for you; a rep always owns its rows.

**De-duplication is on the normalised phone.** The first valid row of a phone that no customer has creates the
customer (\`created\`) with its name, segment (b2b if it gives none) and owner. Every other valid row of that phone,
in the file or already in the database, is \`merged\`: empty fields are filled, tags are united, the name, segment
and owner stay. \`created + merged + invalid = totalRows\`.
The whole import is one transaction: a failure part-way leaves nothing of it, and importing the same file again
changes nothing and reports \`created: 0\`. Imports merge one at a time, across all servers: one started while
another runs stays \`running\` with \`processedRows: 0\` until that one ends.

**Answer.** \`201\` with the summary if the import finishes within about 2 s, else \`202\` with the running summary;
poll \`GET /customers/imports/{id}\`, whose \`processedRows\` grows as the file is read.

**Limits.** The file size (\`IMPORT_MAX_FILE_BYTES\`, 50 MB by default) gets \`413 FILE_TOO_LARGE\`; more than
${MAX_IMPORT_ROWS.toLocaleString('en-US')} data rows get \`422 TOO_MANY_ROWS\` and import nothing; a file that is not a readable
spreadsheet, or has no header row, gets \`400 UNSUPPORTED_FILE\`; a missing name or phone column gets \`400 MISSING_COLUMN\`.
A row limit or a damaged part met after the \`202\` fails the import instead: \`status: "failed"\` with that \`failureCode\`.
A server runs a few imports at once; beyond that the answer is \`429 IMPORTS_BUSY\` with \`Retry-After\`.

**Idempotency-Key** is honoured by this route itself: within 24 h, the same key with the same file, \`ownerId\` and
\`mapping\` answers with the import it started (201 or 202 as it stands now) and \`Idempotent-Replayed: true\`;
nothing is imported twice. The same key with another file or options gets \`409 IDEMPOTENCY_KEY_REUSED\`. An
import that failed releases its key, so a retry runs again.`;
import { CUSTOMER_IMPORT_EXAMPLE } from './dto/customer-import.examples';

const UPLOAD_SCHEMA = {
  type: 'object',
  required: ['file'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'The .xlsx or .csv file.' },
    ownerId: {
      type: 'string',
      format: 'uuid',
      description: 'Owner of the rows that name none: you, or an active user in your scope.',
    },
    mapping: {
      type: 'string',
      description: `JSON object: column header → field (${IMPORT_FIELDS.join(', ')}), or null to ignore the column.`,
      example: '{"客户手机":"phone","备注":null}',
    },
  },
};

@ApiTags('customer-imports')
@Controller('customers/imports')
export class CustomerImportsController {
  constructor(private readonly imports: CustomerImportsService) {}

  /** Import customers from an Excel or CSV file */
  @Post()
  @Created('customers/imports/{id}')
  @AnyRole()
  @IdempotentByService()
  @ApiOperation({ description: START_DESCRIPTION })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_SCHEMA })
  @ApiCreatedResponse({ type: CustomerImportResponse, description: 'The import finished.' })
  @ApiAcceptedResponse({
    type: CustomerImportResponse,
    description: 'The import is still running.',
  })
  @ApiProblems(403, 409, 413, 422, 429)
  @ApiExamples({ response: CUSTOMER_IMPORT_EXAMPLE })
  async start(
    @ImportUpload() upload: ReceivedUpload,
    @Headers(IDEMPOTENCY_HEADER) idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @RequestLanguage() language: Language,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerImportResponse> {
    const { summary, replayed } = await this.imports.start(
      principal,
      upload,
      idempotencyKey,
      language,
    );
    void reply.status(HTTP_STATUS[summary.status]).header(REPLAYED_HEADER, String(replayed));
    return summary;
  }

  /** Read an import's summary and progress */
  @Get(':id')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: CUSTOMER_IMPORT_EXAMPLE })
  get(
    @IdParam() id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CustomerImportResponse> {
    return this.imports.get(principal, id);
  }

  /** Download an import's rejected rows, with their reasons, as Excel */
  @Get(':id/errors.xlsx')
  @AnyRole()
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({
    description:
      "The rejected rows in the file's own columns, then the row number and the reasons.",
    schema: { type: 'string', format: 'binary' },
  })
  @ApiProblems(404, 409)
  async errorReport(
    @IdParam() id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StreamableFile> {
    const report = await this.imports.errorReport(principal, id);
    return new StreamableFile(report.content, {
      type: XLSX_MEDIA_TYPE,
      disposition: `attachment; filename="${report.fileName}"`,
    });
  }
}
