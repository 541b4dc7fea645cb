import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

/**
 * A controller of the signed-in API: its route prefix, its OpenAPI tag (the prefix unless given)
 * and the bearer-token security scheme, so every feature declares them the same way.
 */
export function ApiController(path: string, tag = path): ClassDecorator {
  return applyDecorators(ApiTags(tag), ApiBearerAuth(), Controller(path));
}
