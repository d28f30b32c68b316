import { IsString, Length, Matches } from 'class-validator';

export class ChatRoomDto {
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  room!: string;
}

export class ChatSendDto extends ChatRoomDto {
  @IsString()
  @Length(1, 2000)
  text!: string;
}
