//! `GroupUpdateMessage` and its parts: the control messages of (new, `03`) groups carried in a
//! `DataMessage` (`SignalService.proto`). Decoded and encoded as the client does; the crypto
//! behind their signatures and keys is `oxen-session`'s.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use zeroize::Zeroize;

use crate::error::Error;

use super::Redacted;
use super::decoder::{Decode, read_message};
use super::reader::Reader;

/// `GroupUpdateMessage`: one group control message.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
pub struct GroupUpdateMessage {
    /// 1: an invitation.
    #[prost(message, optional, tag = "1")]
    pub invite_message: Option<GroupUpdateInviteMessage>,
    /// 2: a name, avatar or timer change.
    #[prost(message, optional, tag = "2")]
    pub info_change_message: Option<GroupUpdateInfoChangeMessage>,
    /// 3: members added, removed or promoted.
    #[prost(message, optional, tag = "3")]
    pub member_change_message: Option<GroupUpdateMemberChangeMessage>,
    /// 4: a promotion to admin.
    #[prost(message, optional, tag = "4")]
    pub promote_message: Option<GroupUpdatePromoteMessage>,
    /// 5: the sender left.
    #[prost(message, optional, tag = "5")]
    pub member_left_message: Option<GroupUpdateMemberLeftMessage>,
    /// 6: the answer to an invitation.
    #[prost(message, optional, tag = "6")]
    pub invite_response: Option<GroupUpdateInviteResponseMessage>,
    /// 7: delete a member's messages.
    #[prost(message, optional, tag = "7")]
    pub delete_member_content: Option<GroupUpdateDeleteMemberContentMessage>,
    /// 8: the notification that a member left.
    #[prost(message, optional, tag = "8")]
    pub member_left_notification_message: Option<GroupUpdateMemberLeftNotificationMessage>,
}

impl Decode for GroupUpdateMessage {
    const NAME: &'static str = "GroupUpdateMessage";

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.invite_message = Some(read_message(r)?),
            2 => self.info_change_message = Some(read_message(r)?),
            3 => self.member_change_message = Some(read_message(r)?),
            4 => self.promote_message = Some(read_message(r)?),
            5 => self.member_left_message = Some(read_message(r)?),
            6 => self.invite_response = Some(read_message(r)?),
            7 => self.delete_member_content = Some(read_message(r)?),
            8 => self.member_left_notification_message = Some(read_message(r)?),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// `GroupUpdateInviteMessage`: an invitation, with the member's subaccount authentication.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
#[prost(skip_debug)]
pub struct GroupUpdateInviteMessage {
    /// 1, required: the group's id (`03` ‖ Ed25519 key, hex).
    #[prost(string, required, tag = "1")]
    pub group_session_id: String,
    /// 2, required: the group's name.
    #[prost(string, required, tag = "2")]
    pub name: String,
    /// 3, required: the invitee's subaccount authentication data (redacted in `Debug`).
    #[prost(bytes = "vec", required, tag = "3")]
    pub member_auth_data: Vec<u8>,
    /// 4, required: the admin's signature.
    #[prost(bytes = "vec", required, tag = "4")]
    pub admin_signature: Vec<u8>,
}

impl fmt::Debug for GroupUpdateInviteMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GroupUpdateInviteMessage")
            .field("group_session_id", &self.group_session_id)
            .field("name", &self.name)
            .field("member_auth_data", &Redacted(&self.member_auth_data))
            .field("admin_signature", &self.admin_signature)
            .finish()
    }
}

impl Decode for GroupUpdateInviteMessage {
    const NAME: &'static str = "GroupUpdateInviteMessage";
    const REQUIRED: &'static [(u32, &'static str)] = &[
        (1, "groupSessionId"),
        (2, "name"),
        (3, "memberAuthData"),
        (4, "adminSignature"),
    ];

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.group_session_id = r.string()?,
            2 => self.name = r.string()?,
            3 => self.member_auth_data = r.bytes()?.to_vec(),
            4 => self.admin_signature = r.bytes()?.to_vec(),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// `GroupUpdatePromoteMessage`: a promotion to admin, carrying the group's secret seed.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
#[prost(skip_debug)]
pub struct GroupUpdatePromoteMessage {
    /// 1, required: the group's identity seed (the admin key; redacted in `Debug`).
    #[prost(bytes = "vec", required, tag = "1")]
    pub group_identity_seed: Vec<u8>,
    /// 2, required: the group's name.
    #[prost(string, required, tag = "2")]
    pub name: String,
}

impl fmt::Debug for GroupUpdatePromoteMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GroupUpdatePromoteMessage")
            .field("group_identity_seed", &Redacted(&self.group_identity_seed))
            .field("name", &self.name)
            .finish()
    }
}

impl Decode for GroupUpdatePromoteMessage {
    const NAME: &'static str = "GroupUpdatePromoteMessage";
    const REQUIRED: &'static [(u32, &'static str)] = &[(1, "groupIdentitySeed"), (2, "name")];

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.group_identity_seed = r.bytes()?.to_vec(),
            2 => self.name = r.string()?,
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// `GroupUpdateInfoChangeMessage.Type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum GroupInfoChangeType {
    /// The name changed.
    Name = 1,
    /// The avatar changed.
    Avatar = 2,
    /// The disappearing timer changed.
    DisappearingMessages = 3,
}

/// `GroupUpdateInfoChangeMessage`: the group's name, avatar or timer changed.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
pub struct GroupUpdateInfoChangeMessage {
    /// 1, required: [`GroupInfoChangeType`].
    #[prost(enumeration = "GroupInfoChangeType", required, tag = "1")]
    pub r#type: i32,
    /// 2: the new name.
    #[prost(string, optional, tag = "2")]
    pub updated_name: Option<String>,
    /// 3: the new timer (seconds).
    #[prost(uint32, optional, tag = "3")]
    pub updated_expiration: Option<u32>,
    /// 4, required: the admin's signature.
    #[prost(bytes = "vec", required, tag = "4")]
    pub admin_signature: Vec<u8>,
}

impl Decode for GroupUpdateInfoChangeMessage {
    const NAME: &'static str = "GroupUpdateInfoChangeMessage";
    const REQUIRED: &'static [(u32, &'static str)] = &[(1, "type"), (4, "adminSignature")];

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.r#type = r.int32()?,
            2 => self.updated_name = Some(r.string()?),
            3 => self.updated_expiration = Some(r.uint32()?),
            4 => self.admin_signature = r.bytes()?.to_vec(),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// `GroupUpdateMemberChangeMessage.Type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum GroupMemberChangeType {
    /// Members were added.
    Added = 1,
    /// Members were removed.
    Removed = 2,
    /// Members were promoted.
    Promoted = 3,
}

/// `GroupUpdateMemberChangeMessage`: members added, removed or promoted.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
pub struct GroupUpdateMemberChangeMessage {
    /// 1, required: [`GroupMemberChangeType`].
    #[prost(enumeration = "GroupMemberChangeType", required, tag = "1")]
    pub r#type: i32,
    /// 2: the members (Session ID hex).
    #[prost(string, repeated, tag = "2")]
    pub member_session_ids: Vec<String>,
    /// 3: whether history is shared with added members.
    #[prost(bool, optional, tag = "3")]
    pub history_shared: Option<bool>,
    /// 4, required: the admin's signature.
    #[prost(bytes = "vec", required, tag = "4")]
    pub admin_signature: Vec<u8>,
}

impl Decode for GroupUpdateMemberChangeMessage {
    const NAME: &'static str = "GroupUpdateMemberChangeMessage";
    const REQUIRED: &'static [(u32, &'static str)] = &[(1, "type"), (4, "adminSignature")];

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.r#type = r.int32()?,
            2 => self.member_session_ids.push(r.string()?),
            3 => self.history_shared = Some(r.bool()?),
            4 => self.admin_signature = r.bytes()?.to_vec(),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// `GroupUpdateMemberLeftMessage`: the sender left (no fields).
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
pub struct GroupUpdateMemberLeftMessage {}

impl Decode for GroupUpdateMemberLeftMessage {
    const NAME: &'static str = "GroupUpdateMemberLeftMessage";

    fn read_field(&mut self, _: u32, _: u32, _: &mut Reader<'_>) -> Result<bool, Error> {
        Ok(false)
    }
}

/// `GroupUpdateMemberLeftNotificationMessage`: a member left (no fields).
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
pub struct GroupUpdateMemberLeftNotificationMessage {}

impl Decode for GroupUpdateMemberLeftNotificationMessage {
    const NAME: &'static str = "GroupUpdateMemberLeftNotificationMessage";

    fn read_field(&mut self, _: u32, _: u32, _: &mut Reader<'_>) -> Result<bool, Error> {
        Ok(false)
    }
}

/// `GroupUpdateInviteResponseMessage`: the answer to an invitation.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
pub struct GroupUpdateInviteResponseMessage {
    /// 1, required: whether the invitation was accepted.
    #[prost(bool, required, tag = "1")]
    pub is_approved: bool,
}

impl Decode for GroupUpdateInviteResponseMessage {
    const NAME: &'static str = "GroupUpdateInviteResponseMessage";
    const REQUIRED: &'static [(u32, &'static str)] = &[(1, "isApproved")];

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.is_approved = r.bool()?,
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// `GroupUpdateDeleteMemberContentMessage`: delete members' messages.
#[derive(Clone, PartialEq, Eq, Zeroize, prost::Message)]
pub struct GroupUpdateDeleteMemberContentMessage {
    /// 1: the members whose messages go (Session ID hex).
    #[prost(string, repeated, tag = "1")]
    pub member_session_ids: Vec<String>,
    /// 2: the hashes of the messages that go.
    #[prost(string, repeated, tag = "2")]
    pub message_hashes: Vec<String>,
    /// 3: the admin's signature.
    #[prost(bytes = "vec", optional, tag = "3")]
    pub admin_signature: Option<Vec<u8>>,
}

impl Decode for GroupUpdateDeleteMemberContentMessage {
    const NAME: &'static str = "GroupUpdateDeleteMemberContentMessage";

    fn read_field(&mut self, number: u32, _: u32, r: &mut Reader<'_>) -> Result<bool, Error> {
        match number {
            1 => self.member_session_ids.push(r.string()?),
            2 => self.message_hashes.push(r.string()?),
            3 => self.admin_signature = Some(r.bytes()?.to_vec()),
            _ => return Ok(false),
        }
        Ok(true)
    }
}
