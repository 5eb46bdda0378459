//! `DataMessage`, a visible message, with its parts: quotes, link previews, reactions,
//! community invitations, attachment pointers, and the sender's profile (`LokiProfile`)
//! (`SignalService.proto`).

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use zeroize::Zeroize;

use crate::error::Error;

use super::Redacted;
use super::decoder::{Decode, read_message};
use super::group_update::GroupUpdateMessage;
use super::reader::Reader;

/// `DataMessage.Flags.EXPIRATION_TIMER_UPDATE`: the value of [`DataMessage::flags`] for a
/// disappearing-timer update.
pub const EXPIRATION_TIMER_UPDATE: u32 = 2;

/// `DataMessage`: the text, attachments and metadata of a visible message.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
#[prost(skip_debug)]
pub struct DataMessage {
    /// 1: the text.
    #[prost(string, optional, tag = "1")]
    pub body: Option<String>,
    /// 2: attachments.
    #[prost(message, repeated, tag = "2")]
    pub attachments: Vec<AttachmentPointer>,
    /// 4: flags ([`EXPIRATION_TIMER_UPDATE`]).
    #[prost(uint32, optional, tag = "4")]
    pub flags: Option<u32>,
    /// 6: the key of the sender's avatar (redacted in `Debug`).
    #[prost(bytes = "vec", optional, tag = "6")]
    pub profile_key: Option<Vec<u8>>,
    /// 8: the quoted message.
    #[prost(message, optional, tag = "8")]
    pub quote: Option<Quote>,
    /// 10: link previews.
    #[prost(message, repeated, tag = "10")]
    pub preview: Vec<Preview>,
    /// 11: an emoji reaction.
    #[prost(message, optional, tag = "11")]
    pub reaction: Option<Reaction>,
    /// 101: the sender's profile.
    #[prost(message, optional, tag = "101")]
    pub profile: Option<LokiProfile>,
    /// 102: an invitation to a community.
    #[prost(message, optional, tag = "102")]
    pub community_invitation: Option<CommunityInvitation>,
    /// 105: the conversation a message synced to the sender's other devices belongs to.
    #[prost(string, optional, tag = "105")]
    pub sync_target: Option<String>,
    /// 106: whether the sender blocks message requests from communities.
    #[prost(bool, optional, tag = "106")]
    pub blocks_community_message_requests: Option<bool>,
    /// 120: a group update.
    #[prost(message, optional, tag = "120")]
    pub group_update_message: Option<GroupUpdateMessage>,
}

impl fmt::Debug for DataMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DataMessage")
            .field("body", &self.body)
            .field("attachments", &self.attachments)
            .field("flags", &self.flags)
            .field("profile_key", &Redacted(&self.profile_key))
            .field("quote", &self.quote)
            .field("preview", &self.preview)
            .field("reaction", &self.reaction)
            .field("profile", &self.profile)
            .field("community_invitation", &self.community_invitation)
            .field("sync_target", &self.sync_target)
            .field(
                "blocks_community_message_requests",
                &self.blocks_community_message_requests,
            )
            .field("group_update_message", &self.group_update_message)
            .finish()
    }
}

impl Decode for DataMessage {
    const NAME: &'static str = "DataMessage";

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.body = Some(r.string()?),
            2 => self.attachments.push(read_message(r)?),
            4 => self.flags = Some(r.uint32()?),
            6 => self.profile_key = Some(r.bytes()?.to_vec()),
            8 => self.quote = Some(read_message(r)?),
            10 => self.preview.push(read_message(r)?),
            11 => self.reaction = Some(read_message(r)?),
            101 => self.profile = Some(read_message(r)?),
            102 => self.community_invitation = Some(read_message(r)?),
            105 => self.sync_target = Some(r.string()?),
            106 => self.blocks_community_message_requests = Some(r.bool()?),
            120 => self.group_update_message = Some(read_message(r)?),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// `LokiProfile`: the sender's display name and avatar.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
pub struct LokiProfile {
    /// 1: the display name.
    #[prost(string, optional, tag = "1")]
    pub display_name: Option<String>,
    /// 2: the avatar's URL.
    #[prost(string, optional, tag = "2")]
    pub profile_picture: Option<String>,
    /// 3: when the profile last changed, in seconds (HEAD only).
    #[prost(uint64, optional, tag = "3")]
    pub last_profile_update_seconds: Option<u64>,
}

impl Decode for LokiProfile {
    const NAME: &'static str = "LokiProfile";

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.display_name = Some(r.string()?),
            2 => self.profile_picture = Some(r.string()?),
            3 => self.last_profile_update_seconds = Some(r.uint64()?),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// `DataMessage.Quote`: the message a reply quotes.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
pub struct Quote {
    /// 1, required: the quoted message's timestamp (ms).
    #[prost(uint64, required, tag = "1")]
    pub id: u64,
    /// 2, required: its author (Session ID hex).
    #[prost(string, required, tag = "2")]
    pub author: String,
}

impl Decode for Quote {
    const NAME: &'static str = "Quote";
    const REQUIRED: &'static [(u32, &'static str)] = &[(1, "id"), (2, "author")];

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.id = r.uint64()?,
            2 => self.author = r.string()?,
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// `DataMessage.Preview`: a link preview.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
pub struct Preview {
    /// 1, required: the URL.
    #[prost(string, required, tag = "1")]
    pub url: String,
    /// 2: the page title.
    #[prost(string, optional, tag = "2")]
    pub title: Option<String>,
    /// 3: the preview image.
    #[prost(message, optional, tag = "3")]
    pub image: Option<AttachmentPointer>,
}

impl Decode for Preview {
    const NAME: &'static str = "Preview";
    const REQUIRED: &'static [(u32, &'static str)] = &[(1, "url")];

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.url = r.string()?,
            2 => self.title = Some(r.string()?),
            3 => self.image = Some(read_message(r)?),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// `DataMessage.Reaction.Action`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum ReactionAction {
    /// Add the reaction.
    React = 0,
    /// Remove it.
    Remove = 1,
}

/// `DataMessage.Reaction`: an emoji reaction to a message.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
pub struct Reaction {
    /// 1, required: the message's timestamp (ms).
    #[prost(uint64, required, tag = "1")]
    pub id: u64,
    /// 2, required: its author (Session ID hex).
    #[prost(string, required, tag = "2")]
    pub author: String,
    /// 3: the emoji.
    #[prost(string, optional, tag = "3")]
    pub emoji: Option<String>,
    /// 4, required: [`ReactionAction`].
    #[prost(enumeration = "ReactionAction", required, tag = "4")]
    pub action: i32,
}

impl Decode for Reaction {
    const NAME: &'static str = "Reaction";
    const REQUIRED: &'static [(u32, &'static str)] = &[(1, "id"), (2, "author"), (4, "action")];

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.id = r.uint64()?,
            2 => self.author = r.string()?,
            3 => self.emoji = Some(r.string()?),
            4 => self.action = r.int32()?,
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// `DataMessage.CommunityInvitation`: an invitation to a community.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
pub struct CommunityInvitation {
    /// 1, required: the community's URL.
    #[prost(string, required, tag = "1")]
    pub url: String,
    /// 3, required: its name.
    #[prost(string, required, tag = "3")]
    pub name: String,
}

impl Decode for CommunityInvitation {
    const NAME: &'static str = "CommunityInvitation";
    const REQUIRED: &'static [(u32, &'static str)] = &[(1, "url"), (3, "name")];

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.url = r.string()?,
            3 => self.name = r.string()?,
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// `AttachmentPointer.Flags.VOICE_MESSAGE`: the value of [`AttachmentPointer::flags`] for a
/// voice message.
pub const VOICE_MESSAGE: u32 = 1;

/// `AttachmentPointer`: where an encrypted attachment lives and how to open it.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
#[prost(skip_debug)]
pub struct AttachmentPointer {
    /// 1, required: a deprecated id (`fixed64`).
    #[prost(fixed64, required, tag = "1")]
    pub deprecated_id: u64,
    /// 2: the MIME type.
    #[prost(string, optional, tag = "2")]
    pub content_type: Option<String>,
    /// 3: the attachment's encryption key (redacted in `Debug`).
    #[prost(bytes = "vec", optional, tag = "3")]
    pub key: Option<Vec<u8>>,
    /// 4: the size in bytes.
    #[prost(uint32, optional, tag = "4")]
    pub size: Option<u32>,
    /// 6: the digest of the encrypted file.
    #[prost(bytes = "vec", optional, tag = "6")]
    pub digest: Option<Vec<u8>>,
    /// 7: the file name.
    #[prost(string, optional, tag = "7")]
    pub file_name: Option<String>,
    /// 8: flags ([`VOICE_MESSAGE`]).
    #[prost(uint32, optional, tag = "8")]
    pub flags: Option<u32>,
    /// 9: the width in pixels.
    #[prost(uint32, optional, tag = "9")]
    pub width: Option<u32>,
    /// 10: the height in pixels.
    #[prost(uint32, optional, tag = "10")]
    pub height: Option<u32>,
    /// 11: a caption.
    #[prost(string, optional, tag = "11")]
    pub caption: Option<String>,
    /// 101: the file's URL.
    #[prost(string, optional, tag = "101")]
    pub url: Option<String>,
}

impl fmt::Debug for AttachmentPointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AttachmentPointer")
            .field("deprecated_id", &self.deprecated_id)
            .field("content_type", &self.content_type)
            .field("key", &Redacted(&self.key))
            .field("size", &self.size)
            .field("digest", &self.digest)
            .field("file_name", &self.file_name)
            .field("flags", &self.flags)
            .field("width", &self.width)
            .field("height", &self.height)
            .field("caption", &self.caption)
            .field("url", &self.url)
            .finish()
    }
}

impl Decode for AttachmentPointer {
    const NAME: &'static str = "AttachmentPointer";
    const REQUIRED: &'static [(u32, &'static str)] = &[(1, "deprecatedId")];

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.deprecated_id = r.fixed64()?,
            2 => self.content_type = Some(r.string()?),
            3 => self.key = Some(r.bytes()?.to_vec()),
            4 => self.size = Some(r.uint32()?),
            6 => self.digest = Some(r.bytes()?.to_vec()),
            7 => self.file_name = Some(r.string()?),
            8 => self.flags = Some(r.uint32()?),
            9 => self.width = Some(r.uint32()?),
            10 => self.height = Some(r.uint32()?),
            11 => self.caption = Some(r.string()?),
            101 => self.url = Some(r.string()?),
            _ => return Ok(false),
        }
        Ok(true)
    }
}
