import { applyDecorators, StreamableFile, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProduces, getSchemaPath } from '@nestjs/swagger';

/** The media type of the drawings that `?format=svg` answers (heatmap, rep radar). */
export const SVG_MEDIA_TYPE = 'image/svg+xml';

/** An SVG document as the response body, with its media type and length. */
export function svgAnswer(svg: string): StreamableFile {
  const body = Buffer.from(svg, 'utf8');
  return new StreamableFile(body, {
    type: `${SVG_MEDIA_TYPE}; charset=utf-8`,
    length: body.length,
  });
}

/** A 200 that is `model` as JSON, or an SVG drawing of it for `?format=svg`. */
export function ApiJsonOrSvgResponse(model: Type<unknown>, description: string) {
  return applyDecorators(
    ApiExtraModels(model),
    ApiProduces('application/json', SVG_MEDIA_TYPE),
    ApiOkResponse({
      description,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(model) } },
        [SVG_MEDIA_TYPE]: { schema: { type: 'string', description: 'An SVG document' } },
      },
    }),
  );
}
