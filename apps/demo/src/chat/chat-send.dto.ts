import { IsString, Length, Matches } from 'class-validator';

export class ChatSendDto {
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  room!: string;

  @IsString()
  @Length(1, 2000)
  text!: string;
}
