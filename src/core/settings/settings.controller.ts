import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal, Roles } from '../auth/access.decorators';
import { Principal } from '../auth/principal';
import { IfMatchVersion } from '../http/if-match.decorator';
import { ApiExamples } from '../openapi/api-examples.decorator';
import { SettingsResponse, UpdateSettingsDto } from './dto/settings.dto';
import { SettingsService, VersionedSettings } from './settings.service';
import {
  SETTINGS_EXAMPLE,
  UPDATED_SETTINGS_EXAMPLE,
  UPDATE_SETTINGS_EXAMPLE,
} from './dto/settings.examples';

const toResponse = ({ settings, version }: VersionedSettings): SettingsResponse => ({
  ...settings,
  version,
});

@ApiTags('settings')
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  /** Read the organisation's settings */
  @Get()
  @AnyRole()
  @ApiExamples({ response: SETTINGS_EXAMPLE })
  async get(): Promise<SettingsResponse> {
    return toResponse(await this.settings.getVersioned());
  }

  /** Change some of the organisation's settings (audited) */
  @Patch()
  @Roles('admin')
  @ApiExamples({ request: UPDATE_SETTINGS_EXAMPLE, response: UPDATED_SETTINGS_EXAMPLE })
  async update(
    @Body() body: UpdateSettingsDto,
    @IfMatchVersion() version: number | undefined,
    @CurrentPrincipal() actor: Principal,
  ): Promise<SettingsResponse> {
    return toResponse(await this.settings.update(body, version, actor));
  }
}
