import { Body, Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal, Roles } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IdParam } from '../../core/http/id-param.decorator';
import { Created } from '../../core/http/location';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import {
  CreatePlaybookDto,
  PlaybookPage,
  PlaybookQueryDto,
  PlaybookResponse,
} from './dto/playbook.dto';
import { PlaybooksService } from './playbooks.service';
import {
  CREATE_PLAYBOOK_EXAMPLE,
  PLAYBOOK_EXAMPLE,
  PLAYBOOK_PAGE_EXAMPLE,
} from './dto/playbook.examples';

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
  @Created('playbooks/{id}')
  @Roles(...PLAYBOOK_AUTHORS)
  @ApiProblems(422)
  @ApiExamples({ request: CREATE_PLAYBOOK_EXAMPLE, response: PLAYBOOK_EXAMPLE })
  create(
    @Body() body: CreatePlaybookDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PlaybookResponse> {
    return this.playbooks.create(principal, body);
  }

  /** List playbooks, newest first */
  @Get()
  @AnyRole()
  @ApiExamples({ response: PLAYBOOK_PAGE_EXAMPLE })
  list(@Query() query: PlaybookQueryDto): Promise<PlaybookPage> {
    return this.playbooks.list(query);
  }

  /** Read a playbook */
  @Get(':id')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: PLAYBOOK_EXAMPLE })
  get(@IdParam() id: string): Promise<PlaybookResponse> {
    return this.playbooks.get(id);
  }
}
