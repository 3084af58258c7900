import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal, Roles } from '../auth/access.decorators';
import { Principal } from '../auth/principal';
import { IfMatchVersion } from '../http/if-match.decorator';
import { SettingsResponse, UpdateSettingsDto } from './dto/settings.dto';
import { SettingsService, VersionedSettings } from './settings.service';

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
  async get(): Promise<SettingsResponse> {
    return toResponse(await this.settings.getVersioned());
  }

  /** Change some of the organisation's settings (audited) */
  @Patch()
  @Roles('admin')
  async update(
    @Body() body: UpdateSettingsDto,
    @IfMatchVersion() version: number | undefined,
    @CurrentPrincipal() actor: Principal,
  ): Promise<SettingsResponse> {
    return toResponse(await this.settings.update(body, version, actor));
  }
}
