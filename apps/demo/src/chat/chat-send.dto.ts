import { IsISO8601, IsString, Length, Matches } from 'class-validator';

export class ChatRoomDto {
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  room!: string;
}

export class ChatSendDto extends ChatRoomDto {
  @IsString()
  @Length(1, 2000)
  text!: string;
}

/** `chat.message`, pushed to a room's members; validated nowhere, declared for rpc.discover. */
export class ChatMessageDto extends ChatSendDto {
  @IsString()
  from!: string;

  @IsISO8601()
  at!: string;
}
