import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { titleFor } from '../errors/problem-details';
import { documentLocation } from '../http/location';
import { NO_IDEMPOTENCY_EXTENSION } from '../idempotency/idempotency';
import { placeExamples } from './api-examples.decorator';
import { PROBLEM_MEDIA_TYPE } from './api-problems.decorator';
import { FieldErrorSchema, ProblemSchema } from './problem.schema';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** `UsersController.findMe` becomes `usersFindMe`: unique, stable, readable in generated clients. */
export function operationId(controllerKey: string, methodKey: string): string {
  return lowerFirst(controllerKey.replace(/Controller$/, '')) + upperFirst(methodKey);
}

const problemResponse = (status: number) => ({
  description: titleFor(status),
  content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: '#/components/schemas/ProblemSchema' } } },
});

/** Every 401 carries an RFC 6750 challenge (see core/auth/auth.exception.ts). */
const CHALLENGE_HEADERS = {
  'WWW-Authenticate': {
    description:
      '`Bearer realm="sales-api"` when no credential came; with `error="invalid_token"` and an ' +
      '`error_description` when the token or API key sent is no good. An expired access token ' +
      'gets code `TOKEN_EXPIRED`: refresh it at `POST /auth/refresh`.',
    schema: { type: 'string' },
  },
};

const SUCCESS_DESCRIPTIONS: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted',
  '204': 'No Content',
};

/** Adds what every operation shares, so controllers declare only what is theirs. */
function addConventions(operation: OperationObject, method: string): void {
  placeExamples(operation);
  const { responses } = operation;
  for (const [status, response] of Object.entries(responses)) {
    if (response && 'description' in response && !response.description) {
      response.description = SUCCESS_DESCRIPTIONS[status] ?? 'Success';
    }
  }
  const secured = (operation.security ?? []).length > 0;
  // Public routes say so explicitly, rather than inheriting a default.
  if (!secured) operation.security = [];
  const takesInput = Boolean(operation.requestBody) || (operation.parameters ?? []).length > 0;
  const idempotent = method === 'post' && !(NO_IDEMPOTENCY_EXTENSION in operation);
  const preconditioned = method === 'patch';
  const statuses = [500, ...(takesInput ? [400] : []), ...(secured ? [401, 403] : [])];
  // 409: an Idempotency-Key reused with another body, or a stale If-Match.
  if (idempotent || preconditioned) statuses.push(409);
  for (const status of statuses) responses[status] ??= problemResponse(status);
  if (responses[401]) Object.assign(responses[401], { headers: CHALLENGE_HEADERS });
  documentLocation(operation);
  const parameters = (operation.parameters ??= []);
  if (idempotent) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
  if (preconditioned) parameters.push({ $ref: '#/components/parameters/IfMatch' });
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Sales-management API')
    .setDescription(
      'REST API of the sales-management backend for Chinese sales teams: the organisation (users, ' +
        'org units, roles and data scope, handover when someone leaves), the customer pool (claim, ' +
        'release, transfer, spreadsheet import and export), the follow-up loop (follow-ups with ' +
        'evidence and objections, customer confirmations, signals and trigger rules, playbooks, ' +
        'silent-period alerts, todos), attachments, settings, and a tamper-evident audit trail. ' +
        'Errors are RFC 9457 problem+json with a stable `code`; `Accept-Language: zh-CN` gets their ' +
        '`title`, `detail` and `errors[].message` in Chinese (English by default; `code` and `field` ' +
        'never change). Times are ISO-8601 with an offset on ' +
        'input and UTC (`…Z`, milliseconds) in answers; ids are UUIDs. Lists use cursor pagination; ' +
        'creating POSTs accept `Idempotency-Key`; PATCH accepts `If-Match: <version>`.',
    )
    .setVersion('1.0.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'apiKey')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: operationId,
    extraModels: [ProblemSchema, FieldErrorSchema],
  });
  document.components ??= {};
  document.components.parameters = {
    IdempotencyKey: {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Makes a retry safe: within 24 h the same key and body replay the first response; another body gets 409 IDEMPOTENCY_KEY_REUSED.',
      schema: { type: 'string', maxLength: 255 },
    },
    IfMatch: {
      name: 'If-Match',
      in: 'header',
      required: false,
      description: 'The `version` you read. A mismatch gets 409 STALE_VERSION.',
      schema: { type: 'string', pattern: '^\\d+$' },
    },
  };
  for (const pathItem of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (operation) addConventions(operation, method);
    }
  }
  return document;
}

/** Recursively sorts object keys so the YAML diff shows only real changes. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
