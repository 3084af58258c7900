import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { titleFor } from '../errors/problem-details';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/**
 * Documents the route-specific error statuses (404, 409, 422, ...). The
 * generic ones (400, 401, 403, 429, 500) are added to every operation by
 * the document builder.
 */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: titleFor(status),
        content: {
          [PROBLEM_MEDIA_TYPE]: { schema: { $ref: '#/components/schemas/ProblemSchema' } },
        },
      }),
    ),
  );
}
