import {
  createGuildInput,
  createPartyInput,
  friendRequestIdInput,
  guildActivityInput,
  guildIdInput,
  guildInviteInput,
  guildJoinRequestInput,
  guildLinkInput,
  guildMemberInput,
  guildSetRoleInput,
  guildSlugInput,
  invitationCodeInput,
  invitationIdInput,
  partyIdInput,
  partyInviteInput,
  partyLinkInput,
  partyMemberInput,
  respondJoinRequestInput,
  targetUsernameInput,
  updateGuildInput,
} from '../../schemas/social';
import { authedProcedure, publicProcedure, router } from '../../trpc';
import * as friends from './friends';
import * as guilds from './guilds';
import * as invitations from './invitations';
import * as parties from './parties';

export const socialRouter = router({
  friends: router({
    /** Friends with online presence (online first). */
    list: authedProcedure.query(({ ctx }) => friends.friendsWithPresence(ctx.db, ctx.user.id)),
    pending: authedProcedure.query(({ ctx }) => friends.pendingRequests(ctx.db, ctx.user.id)),
    request: authedProcedure
      .input(targetUsernameInput)
      .mutation(({ ctx, input }) => friends.sendFriendRequest(ctx.db, ctx.user, input.username)),
    accept: authedProcedure
      .input(friendRequestIdInput)
      .mutation(({ ctx, input }) => friends.acceptFriendRequest(ctx.db, ctx.user, input.id)),
    /** Declines an incoming request or withdraws an outgoing one. */
    decline: authedProcedure
      .input(friendRequestIdInput)
      .mutation(({ ctx, input }) => friends.declineFriendRequest(ctx.db, ctx.user.id, input.id)),
    remove: authedProcedure
      .input(targetUsernameInput)
      .mutation(({ ctx, input }) => friends.removeFriend(ctx.db, ctx.user.id, input.username)),
    block: authedProcedure
      .input(targetUsernameInput)
      .mutation(({ ctx, input }) => friends.blockUser(ctx.db, ctx.user.id, input.username)),
    unblock: authedProcedure
      .input(targetUsernameInput)
      .mutation(({ ctx, input }) => friends.unblockUser(ctx.db, ctx.user.id, input.username)),
    blocked: authedProcedure.query(({ ctx }) => friends.listBlocked(ctx.db, ctx.user.id)),
  }),

  parties: router({
    mine: authedProcedure.query(({ ctx }) => parties.listMyParties(ctx.db, ctx.user.id)),
    get: authedProcedure
      .input(partyIdInput)
      .query(({ ctx, input }) => parties.getParty(ctx.db, ctx.user.id, input.partyId)),
    create: authedProcedure
      .input(createPartyInput)
      .mutation(({ ctx, input }) => parties.createParty(ctx.db, ctx.user.id, input.name)),
    invite: authedProcedure
      .input(partyInviteInput)
      .mutation(({ ctx, input }) => parties.inviteToParty(ctx.db, ctx.user, input.partyId, input.username)),
    createLink: authedProcedure
      .input(partyLinkInput)
      .mutation(({ ctx, input }) => parties.createPartyLink(ctx.db, ctx.user.id, input.partyId, input.expiresInHours)),
    leave: authedProcedure
      .input(partyIdInput)
      .mutation(({ ctx, input }) => parties.leaveParty(ctx.db, ctx.user.id, input.partyId)),
    kick: authedProcedure
      .input(partyMemberInput)
      .mutation(({ ctx, input }) => parties.kickFromParty(ctx.db, ctx.user.id, input.partyId, input.userId)),
    transferLeadership: authedProcedure
      .input(partyMemberInput)
      .mutation(({ ctx, input }) => parties.transferPartyLeadership(ctx.db, ctx.user.id, input.partyId, input.userId)),
    disband: authedProcedure
      .input(partyIdInput)
      .mutation(({ ctx, input }) => parties.disbandParty(ctx.db, ctx.user.id, input.partyId)),
  }),

  guilds: router({
    mine: authedProcedure.query(({ ctx }) => guilds.listMyGuilds(ctx.db, ctx.user.id)),
    /** The public guild profile: members, roles, and the viewer's own standing. */
    bySlug: publicProcedure
      .input(guildSlugInput)
      .query(({ ctx, input }) => guilds.getGuildBySlug(ctx.db, input.slug, ctx.user?.id ?? null)),
    create: authedProcedure
      .input(createGuildInput)
      .mutation(({ ctx, input }) => guilds.createGuild(ctx.db, ctx.user.id, input)),
    update: authedProcedure
      .input(updateGuildInput)
      .mutation(({ ctx, input }) => guilds.updateGuild(ctx.db, ctx.user.id, input)),
    invite: authedProcedure
      .input(guildInviteInput)
      .mutation(({ ctx, input }) => guilds.inviteToGuild(ctx.db, ctx.user, input)),
    createLink: authedProcedure
      .input(guildLinkInput)
      .mutation(({ ctx, input }) => guilds.createGuildLink(ctx.db, ctx.user.id, input.guildId, input.expiresInHours)),
    requestJoin: authedProcedure
      .input(guildJoinRequestInput)
      .mutation(({ ctx, input }) => guilds.requestToJoin(ctx.db, ctx.user, input)),
    /** Join requests, outstanding invitations and links (officers). */
    pending: authedProcedure
      .input(guildIdInput)
      .query(({ ctx, input }) => guilds.pendingForGuild(ctx.db, ctx.user.id, input.guildId)),
    respondJoinRequest: authedProcedure
      .input(respondJoinRequestInput)
      .mutation(({ ctx, input }) => guilds.respondToJoinRequest(ctx.db, ctx.user, input.id, input.accept)),
    leave: authedProcedure
      .input(guildIdInput)
      .mutation(({ ctx, input }) => guilds.leaveGuild(ctx.db, ctx.user, input.guildId)),
    kick: authedProcedure
      .input(guildMemberInput)
      .mutation(({ ctx, input }) => guilds.kickFromGuild(ctx.db, ctx.user.id, input.guildId, input.userId)),
    setRole: authedProcedure
      .input(guildSetRoleInput)
      .mutation(({ ctx, input }) => guilds.setGuildRole(ctx.db, ctx.user.id, input.guildId, input.userId, input.role)),
    transferOwnership: authedProcedure
      .input(guildMemberInput)
      .mutation(({ ctx, input }) => guilds.transferGuildOwnership(ctx.db, ctx.user.id, input.guildId, input.userId)),
    activity: authedProcedure
      .input(guildActivityInput)
      .query(({ ctx, input }) => guilds.guildActivity(ctx.db, ctx.user.id, input)),
  }),

  invitations: router({
    /** Party and guild invitations waiting for my answer. */
    mine: authedProcedure.query(({ ctx }) => invitations.myInvitations(ctx.db, ctx.user.id)),
    /** What a shared link leads to; public so the link page works before sign-in. */
    preview: publicProcedure
      .input(invitationCodeInput)
      .query(({ ctx, input }) => invitations.previewInvitation(ctx.db, input.code)),
    accept: authedProcedure
      .input(invitationIdInput)
      .mutation(({ ctx, input }) => invitations.acceptInvitation(ctx.db, ctx.user, input.id)),
    acceptCode: authedProcedure
      .input(invitationCodeInput)
      .mutation(({ ctx, input }) => invitations.acceptInvitationCode(ctx.db, ctx.user, input.code)),
    decline: authedProcedure
      .input(invitationIdInput)
      .mutation(({ ctx, input }) => invitations.declineInvitation(ctx.db, ctx.user.id, input.id)),
    revoke: authedProcedure
      .input(invitationIdInput)
      .mutation(({ ctx, input }) => invitations.revokeInvitation(ctx.db, ctx.user.id, input.id)),
  }),
});
