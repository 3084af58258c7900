import { ApiExtension } from '@nestjs/swagger';
import type { OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

const EXAMPLES_EXTENSION = 'x-examples';
const JSON_MEDIA_TYPE = 'application/json';

export interface OperationExamples {
  /** The JSON request body. */
  request?: object;
  /** The main (first 2xx) JSON answer. */
  response?: object;
}

/**
 * Realistic examples of a route's request body and main answer. Swagger's own
 * `@ApiResponse({ example })` would replace the answer type the CLI plugin
 * infers, so they travel as an extension that the document builder moves
 * onto the media types (placeExamples).
 */
export const ApiExamples = (examples: OperationExamples): MethodDecorator =>
  ApiExtension(EXAMPLES_EXTENSION, examples);

function mainAnswerContent(operation: OperationObject) {
  const status = Object.keys(operation.responses)
    .filter((code) => /^2\d\d$/.test(code))
    .sort()
    .find((code) => {
      const response = operation.responses[code];
      return response && 'content' in response && response.content;
    });
  const response = status ? operation.responses[status] : undefined;
  return response && 'content' in response ? response.content : undefined;
}

/**
 * Moves `@ApiExamples` onto the JSON media types. Under ts-jest, without the
 * CLI plugin, answers have no inferred content; their examples then stay out.
 */
export function placeExamples(operation: OperationObject): void {
  const extended = operation as OperationObject & { [EXAMPLES_EXTENSION]?: OperationExamples };
  const examples = extended[EXAMPLES_EXTENSION];
  if (!examples) return;
  delete extended[EXAMPLES_EXTENSION];
  const body = operation.requestBody;
  const request = body && 'content' in body ? body.content[JSON_MEDIA_TYPE] : undefined;
  const response = mainAnswerContent(operation)?.[JSON_MEDIA_TYPE];
  if (request && examples.request) request.example = examples.request;
  if (response && examples.response) response.example = examples.response;
}
