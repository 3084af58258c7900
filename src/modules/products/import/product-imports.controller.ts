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
import { CurrentPrincipal, Roles } from '../../../core/auth/access.decorators';
import { Principal } from '../../../core/auth/principal';
import { IdParam } from '../../../core/http/id-param.decorator';
import { Created } from '../../../core/http/location';
import { RequestLanguage } from '../../../core/i18n/request-language';
import { Language } from '../../../core/i18n/text';
import { IDEMPOTENCY_HEADER, IdempotentByService } from '../../../core/idempotency/idempotency';
import { REPLAYED_HEADER } from '../../../core/idempotency/idempotency.interceptor';
import { Post } from '../../../core/idempotency/post.decorator';
import { XLSX_MEDIA_TYPE } from '../../../core/imports/error-report';
import { ImportStatus } from '../../../core/imports/import-journal';
import { MAX_IMPORT_ROWS } from '../../../core/imports/import-runner';
import { ReceivedImportUpload } from '../../../core/imports/upload/import-upload';
import { ApiExamples } from '../../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../../core/openapi/api-problems.decorator';
import { PRODUCT_KEEPERS } from '../product-roles';
import { PRODUCT_IMPORT_FIELDS } from './domain/product-columns';
import { ProductImportResponse } from './dto/product-import.dto';
import { PRODUCT_IMPORT_EXAMPLE } from './dto/product-import.examples';
import { ProductImportsService } from './product-imports.service';
import { ProductImportUpload } from './upload/product-import-upload';

/** 201 once finished, 202 while it runs. A failed import is answered with its error instead. */
const HTTP_STATUS: Record<ImportStatus, number> = { completed: 201, running: 202, failed: 201 };

const START_DESCRIPTION = `Upload an \`.xlsx\` (first worksheet) or a \`.csv\` (UTF-8 with or without BOM, or GB18030/GBK) of
products: the price library, by SKU. The format is told from the content, not the file name. The same machinery as
\`POST /customers/imports\`.

**Columns** are recognised by their header, in Chinese or English, whatever their width, case and spacing:
编码/SKU/sku, 名称/name, 单位/unit, 目录价/listPrice, 成本/cost, 税率/taxRatePct, 类别/category,
最低毛利率/minMarginPct. \`mapping\` overrides them. Other columns are ignored. The sku, name, unit, listPrice and
cost columns are required.

**Rows** are checked as \`POST /products\` checks a body: the SKU pattern, the lengths, money with at most
2 decimals (\`¥1,280.50\` is fine), a list price above 0, percentages from 0 to 100 (tax) or 99.99 (margin;
\`13%\` is fine), a category without a comma, and a list price **not below the floor price**
(\`cost / (1 − minMarginPct/100)\`, at the row's own margin or else the setting \`minMarginPct\`). A row that fails
any of them is **invalid**: reported as \`{ row, field, reason }\` (the spreadsheet row number; the header is row 1;
the reason in the language of the request) and in \`errors.xlsx\`. Every other row is imported. Blank rows are skipped.

**Upsert by SKU.** A row whose SKU no product has creates the product (\`created\`), with the importer as its
creator. A row whose SKU a product has replaces that product's fields (\`updated\`): empty optional cells take the
defaults of \`POST /products\` (tax rate 13, no category, the setting's margin). A product is written, and its
\`version\` raised by 1, only if a field changes. **A SKU repeated in the file: the last valid row wins**; the
first of its rows counts as created (if the SKU is new), the others as updated. \`created + updated + invalid =
totalRows\`. The whole import is one transaction, audited as one \`product_import\` event: a failure part-way
leaves nothing of it, and importing the same file again changes nothing.

**Answer.** \`201\` with the summary if the import finishes within about 2 s, else \`202\` with the running summary;
poll \`GET /products/imports/{id}\`.

**Limits** as for customer imports: \`413 FILE_TOO_LARGE\`, more than ${MAX_IMPORT_ROWS.toLocaleString('en-US')}
data rows \`422 TOO_MANY_ROWS\`, \`400 UNSUPPORTED_FILE\`, \`400 MISSING_COLUMN\`, \`429 IMPORTS_BUSY\`.

**Idempotency-Key** is honoured by this route itself: within 24 h, the same key with the same file and \`mapping\`
answers with the import it started and \`Idempotent-Replayed: true\`; the same key with another file gets
\`409 IDEMPOTENCY_KEY_REUSED\`. An import that failed releases its key.`;

const UPLOAD_SCHEMA = {
  type: 'object',
  required: ['file'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'The .xlsx or .csv file.' },
    mapping: {
      type: 'string',
      description: `JSON object: column header → field (${PRODUCT_IMPORT_FIELDS.join(', ')}), or null to ignore the column.`,
      example: '{"物料号":"sku","备注":null}',
    },
  },
};

@ApiTags('product-imports')
@Controller('products/imports')
export class ProductImportsController {
  constructor(private readonly imports: ProductImportsService) {}

  /** Import products (upsert by SKU) from an Excel or CSV file */
  @Post()
  @Created('products/imports/{id}')
  @Roles(...PRODUCT_KEEPERS)
  @IdempotentByService()
  @ApiOperation({ description: START_DESCRIPTION })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_SCHEMA })
  @ApiCreatedResponse({ type: ProductImportResponse, description: 'The import finished.' })
  @ApiAcceptedResponse({ type: ProductImportResponse, description: 'The import is still running.' })
  @ApiProblems(403, 409, 413, 422, 429)
  @ApiExamples({ response: PRODUCT_IMPORT_EXAMPLE })
  async start(
    @ProductImportUpload() upload: ReceivedImportUpload,
    @Headers(IDEMPOTENCY_HEADER) idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @RequestLanguage() language: Language,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProductImportResponse> {
    const { summary, replayed } = await this.imports.start(
      principal,
      upload,
      idempotencyKey,
      language,
    );
    void reply.status(HTTP_STATUS[summary.status]).header(REPLAYED_HEADER, String(replayed));
    return summary;
  }

  /** Read a product import's summary and progress */
  @Get(':id')
  @Roles(...PRODUCT_KEEPERS)
  @ApiProblems(404)
  @ApiExamples({ response: PRODUCT_IMPORT_EXAMPLE })
  get(
    @IdParam() id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProductImportResponse> {
    return this.imports.get(principal, id);
  }

  /** Download a product import's rejected rows, with their reasons, as Excel */
  @Get(':id/errors.xlsx')
  @Roles(...PRODUCT_KEEPERS)
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
