import { Body, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal, Roles } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { ParseIdPipe } from '../../core/http/parse-id.pipe';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import {
  CreatePlaybookDto,
  PlaybookPage,
  PlaybookQueryDto,
  PlaybookResponse,
} from './dto/playbook.dto';
import { PlaybooksService } from './playbooks.service';

/** Those who write the team's sales playbooks. */
const PLAYBOOK_AUTHORS = [
  'admin',
  'sales_director',
  'regional_director',
  'ops_director',
  'supervisor',
  'store_manager',
] as const;

@ApiTags('playbooks')
@Controller('playbooks')
export class PlaybooksController {
  constructor(private readonly playbooks: PlaybooksService) {}

  /** Write a playbook; attachments you cannot see get 422 ATTACHMENT_NOT_FOUND */
  @Post()
  @Roles(...PLAYBOOK_AUTHORS)
  @ApiProblems(422)
  create(
    @Body() body: CreatePlaybookDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PlaybookResponse> {
    return this.playbooks.create(principal, body);
  }

  /** List playbooks, newest first */
  @Get()
  @AnyRole()
  list(@Query() query: PlaybookQueryDto): Promise<PlaybookPage> {
    return this.playbooks.list(query);
  }

  /** Read a playbook */
  @Get(':id')
  @AnyRole()
  @ApiProblems(404)
  get(@Param('id', ParseIdPipe) id: string): Promise<PlaybookResponse> {
    return this.playbooks.get(id);
  }
}
